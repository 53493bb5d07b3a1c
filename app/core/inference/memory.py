"""Running out of memory, on the CPU or a GPU, said as advice rather than a crash."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from app.core.errors import OutOfMemoryError
from app.core.inference.devices import DeviceInfo
from app.core.models.catalog import ModelSpec
from app.i18n import translate


@contextlib.contextmanager
def out_of_memory_as_error(target: DeviceInfo, spec: ModelSpec) -> Iterator[None]:
    """Turn an out-of-memory error into advice, freeing what the failed attempt held."""
    try:
        yield
    except Exception as error:
        if not is_out_of_memory(error):
            raise
        if target.kind == "cuda":
            import torch

            torch.cuda.empty_cache()
        advice = "choose a smaller model" + (" or the CPU" if target.is_gpu else "")
        raise OutOfMemoryError(
            translate("Errors", "{id} ran out of memory running {name}: {advice}").format(
                id=target.id, name=spec.name, advice=advice
            )
        ) from None


def is_out_of_memory(error: BaseException) -> bool:
    torch = sys.modules.get("torch")  # never imported just to ask
    if isinstance(error, MemoryError) or (
        torch is not None and isinstance(error, torch.OutOfMemoryError)
    ):
        return True
    return isinstance(error, RuntimeError) and "out of memory" in str(error).lower()
