"""OpenVINO, the second CPU engine: where it is faster than ONNX Runtime, "auto" uses it.

It compiles the same built-in graphs (:mod:`app.core.architectures.graphs`) with the same
torch-free weights: ONNX Runtime fills the template and writes it out as plain ONNX (its
own optimised graphs use operators only ONNX Runtime knows), OpenVINO compiles that for
this CPU, and the compiled model is exported as one file that later starts import in a
tenth of a second (:class:`app.core.inference.onnx_cache.OnnxCache` keeps it).

Private by default: importing OpenVINO would load ``openvino_telemetry``, which writes an
analytics client id under ``~/intel``; :func:`import_openvino` keeps that module out.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from app.core.architectures.graphs import INPUT_NAME, initializers, template_path, weights_bytes
from app.core.cancel import CancelToken
from app.core.inference.runners import OPENVINO, GraphRunner, OnnxRunner

DEVICE = "CPU"


def import_openvino() -> ModuleType:
    """OpenVINO without its telemetry (a ``None`` entry makes that import fail, which
    OpenVINO takes as "no telemetry"). Raises ImportError where it is not installed."""
    sys.modules.setdefault("openvino_telemetry", None)  # type: ignore[arg-type]
    import openvino

    return openvino


@cache
def openvino_version() -> str | None:
    """The installed OpenVINO's version, read without loading it; None when absent."""
    try:
        return metadata.version("openvino")
    except metadata.PackageNotFoundError:
        return None


def _settings(threads: int) -> dict[str, Any]:
    # float32 throughout: on CPUs with bfloat16 units OpenVINO would otherwise compute in
    # bfloat16 and answer differently from the other engines.
    return {
        "INFERENCE_PRECISION_HINT": "f32",
        "PERFORMANCE_HINT": "LATENCY",
        "INFERENCE_NUM_THREADS": threads,
    }


def _compiled(template: bytes, initializers: dict[str, np.ndarray], threads: int) -> Any:
    """A graph template filled with ``initializers``, compiled for the CPU."""
    core = import_openvino().Core()
    with tempfile.TemporaryDirectory(prefix="effnet-openvino-") as folder:
        plain = Path(folder) / "model.onnx"
        # The session is built only for what it writes: the filled, unoptimised graph.
        OnnxRunner(template, 1, initializers=initializers, optimise=False,
                   save_optimized_as=plain)  # fmt: skip
        return core.compile_model(core.read_model(plain), DEVICE, _settings(threads))


class OpenVinoRunner(GraphRunner):
    """A model compiled by OpenVINO for the CPU.

    A run cancelled mid-way leaves OpenVINO's compiled model unfit for other batch sizes
    (its next answers are wrong or fail), so the model is made again (``make``) before
    the next run: imported anew in a tenth of a second, or compiled anew.
    """

    engine = OPENVINO

    def __init__(self, make: Callable[[], Any], size_bytes: int) -> None:
        self._make = make
        self.size_bytes = size_bytes
        self.compiled = make()
        self._request: Any = self.compiled.create_infer_request()

    @classmethod
    def compile(
        cls, arch: str, initializers: Callable[[], dict[str, np.ndarray]], threads: int
    ) -> OpenVinoRunner:
        """The built-in graph of ``arch`` filled with ``initializers()``, compiled."""
        template = template_path(arch).read_bytes()
        return cls(lambda: _compiled(template, initializers(), threads), weights_bytes(arch))

    @classmethod
    def from_template(cls, arch: str, weights: Path, threads: int) -> OpenVinoRunner:
        """The built-in graph of ``arch`` with the tensors of ``weights``; no torch needed."""
        return cls.compile(arch, lambda: initializers(arch, weights), threads)

    @classmethod
    def imported(cls, path: Path, threads: int) -> OpenVinoRunner:
        """A compiled model exported earlier by :meth:`export`, mapped rather than read
        (B7: 0.1 s and one copy of its weights, where reading the file holds two)."""
        openvino = import_openvino()
        mapped = np.memmap(path, dtype=np.uint8, mode="c")  # copy-on-write: never changes it

        def make() -> Any:
            stream = openvino.Tensor(mapped, shared_memory=True)
            return openvino.Core().import_model(stream, DEVICE, _settings(threads))

        return cls(make, path.stat().st_size)

    def export(self, path: Path) -> None:
        with path.open("wb") as file:
            file.write(self.compiled.export_model().getbuffer())

    def _run(
        self, outputs: list[str], batch: np.ndarray, token: CancelToken | None
    ) -> list[np.ndarray]:
        """Run the model; cancelling ``token`` stops it mid-run, as with ONNX Runtime."""
        if self._request is None:
            self.compiled = self._make()
            self._request = self.compiled.create_infer_request()
        request = self._request
        request.start_async({INPUT_NAME: np.ascontiguousarray(batch)})
        if token is None:
            request.wait()
        else:
            try:
                with token.on_cancel(request.cancel):
                    request.wait()
            except Exception:
                if not token.cancelled:
                    raise
            if token.cancelled:
                self._request = None
                token.raise_if_cancelled()
        return [np.array(request.get_tensor(name).data, copy=True) for name in outputs]
