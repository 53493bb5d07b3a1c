"""Read PyTorch checkpoint files into numpy arrays, without torch and without running code.

Both formats ``torch.save`` writes are read: the zip archive (PyTorch 1.6 and later: a
pickle in ``<prefix>/data.pkl``, each storage in ``<prefix>/data/<key>``) and the legacy
stream (a pickle followed by the storages' raw bytes; Lite0's weights use it).

The pickle is read by an unpickler that knows only what ``torch.load(weights_only=True)``
allows for state dicts: ordered dicts, tensors and their storages, plain Python values.
Any other global — the way a pickle runs code — is refused, and every fault in a file
(truncated, mutated, lying about sizes) is one :class:`CheckpointError`, never another
exception.
"""

from __future__ import annotations

import collections
import io
import pickle
import pickletools
import struct
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from app.core.errors import CheckpointError
from app.i18n import translate

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
LEGACY_PROTOCOL = 1001
MAX_PICKLE_BYTES = 64 * 2**20
READ_CHUNK = 4 * 2**20  # the structure, not the weights: B7's is under 100 kB
_DTYPES: dict[str, np.dtype] = {
    "FloatStorage": np.dtype("<f4"),
    "DoubleStorage": np.dtype("<f8"),
    "HalfStorage": np.dtype("<f2"),
    "BFloat16Storage": np.dtype("<u2"),  # widened to float32 when materialised
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("i1"),
    "ByteStorage": np.dtype("u1"),
    "BoolStorage": np.dtype("?"),
}


@dataclass(frozen=True)
class _StorageType:
    name: str

    @property
    def dtype(self) -> np.dtype:
        return _DTYPES[self.name]


@dataclass(frozen=True)
class _Storage:
    kind: _StorageType
    key: str
    numel: int


@dataclass(frozen=True)
class _PendingTensor:
    """A tensor named by the pickle, made into an array once its storage has been read."""

    storage: _Storage
    offset: int
    size: tuple[int, ...]
    stride: tuple[int, ...]


def _rebuild_tensor_v2(
    storage: object, offset: object, size: object, stride: object, *_rest: object
) -> _PendingTensor:
    if not isinstance(storage, _Storage):
        raise CheckpointError(translate("Errors", "a tensor without a storage"))
    return _PendingTensor(storage, _index(offset), _indices(size), _indices(stride))


def _rebuild_parameter(data: object, *_rest: object) -> object:
    return data


def _index(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**48:
        raise CheckpointError(
            translate(
                "Errors", "a tensor with an impossible size or offset ({value!r:.40})"
            ).format(value=value)
        )
    return value


def _indices(value: object) -> tuple[int, ...]:
    if not isinstance(value, tuple | list) or len(value) > 16:
        raise CheckpointError(translate("Errors", "a tensor with an impossible shape"))
    return tuple(_index(item) for item in value)


_ALLOWED_GLOBALS: dict[tuple[str, str], object] = {
    ("collections", "OrderedDict"): collections.OrderedDict,
    ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor_v2,
    ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
    **{("torch", name): _StorageType(name) for name in _DTYPES},
}


_MEMO_OPCODES = {"PUT", "BINPUT", "LONG_BINPUT", "GET", "BINGET", "LONG_BINGET"}


def _check_pickle(stream: BinaryIO) -> None:
    """Walk the pickle's opcodes before unpickling it: a memo index far beyond the number
    of opcodes (a flipped byte can claim 2**31) would make the unpickler allocate and clear
    gigabytes for its memo table."""
    start = stream.tell()
    for count, (opcode, argument, _position) in enumerate(pickletools.genops(stream), start=1):
        if opcode.name in _MEMO_OPCODES and isinstance(argument, int) and argument > count:
            raise CheckpointError(translate("Errors", "its pickle refers to objects it never made"))
    stream.seek(start)


class _SafeUnpickler(pickle.Unpickler):
    """Only the allow-listed globals exist; storages are noted, not read, while unpickling."""

    def __init__(self, stream: BinaryIO, legacy: bool) -> None:
        _check_pickle(stream)
        super().__init__(stream)
        self.legacy = legacy
        self.storages: dict[str, _Storage] = {}

    def find_class(self, module: str, name: str) -> Any:
        allowed = _ALLOWED_GLOBALS.get((module, name))
        if allowed is None:
            raise CheckpointError(
                translate(
                    "Errors", "it asks to run {module}.{name}, which a weights file never does"
                ).format(module=module, name=name)
            )
        return allowed

    def persistent_load(self, pid: Any) -> _Storage:
        if not isinstance(pid, tuple) or len(pid) < 5 or pid[0] != "storage":
            raise CheckpointError(
                translate("Errors", "it holds something other than tensors (a whole model?)")
            )
        kind, key, _location, numel = pid[1:5]
        if self.legacy and len(pid) == 6 and pid[5] is not None:
            raise CheckpointError(
                translate("Errors", "it uses storage views, which state dicts do not")
            )
        if not isinstance(kind, _StorageType) or not isinstance(key, str):
            raise CheckpointError(translate("Errors", "a storage of an unknown type"))
        storage = _Storage(kind, key, _index(numel))
        known = self.storages.setdefault(key, storage)
        if known != storage:
            raise CheckpointError(
                translate("Errors", "storage {key} is described twice, differently").format(key=key)
            )
        return storage


def read_state_dict(path: Path) -> dict[str, np.ndarray]:
    """The checkpoint's tensors by name, as C-contiguous numpy arrays (float16/bfloat16
    stay float16/become float32); a ``{"state_dict": …}`` wrapper is unwrapped.

    Raises :class:`CheckpointError` (one line, naming the file) for anything else.
    """
    try:
        with path.open("rb") as stream:
            if zipfile.is_zipfile(stream):
                tree, arrays = _read_zip(stream)
            else:  # old and small (Lite0's is 18 MB): read whole, so no claim outruns it
                stream.seek(0)
                tree, arrays = _read_legacy(io.BytesIO(stream.read()))
        state = _materialise(tree, arrays)
    except CheckpointError as error:
        raise CheckpointError(
            translate("Errors", "{path} is not a weights file that can be loaded ({error})").format(
                path=path, error=error
            )
        ) from None
    except OSError as error:
        raise CheckpointError(
            translate("Errors", "cannot read {path} ({strerror})").format(
                path=path, strerror=error.strerror or error
            )
        ) from None
    except Exception as error:  # any fault of a damaged file: zip, pickle, struct, numpy
        reason = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
        raise CheckpointError(
            translate(
                "Errors", "{path} is not a weights file that can be loaded ({reason})"
            ).format(
                path=path,
                reason=f"{type(error).__name__}: {reason}" if reason else type(error).__name__,
            )
        ) from None
    return state


def _read_zip(stream: BinaryIO) -> tuple[object, dict[str, np.ndarray]]:
    with zipfile.ZipFile(stream) as archive:
        entries = {info.filename: info for info in archive.infolist()}
        pickles = [name for name in entries if name.endswith("/data.pkl")]
        if len(pickles) != 1:
            raise CheckpointError(translate("Errors", "a zip file, but not one torch.save wrote"))
        prefix = pickles[0][: -len("data.pkl")]
        if f"{prefix}constants.pkl" in entries:
            raise CheckpointError(translate("Errors", "a TorchScript program, not a weights file"))
        byteorder = entries.get(f"{prefix}byteorder")
        if byteorder is not None and _entry(archive, byteorder, 16) != b"little":
            raise CheckpointError(translate("Errors", "big-endian tensors are not supported"))
        unpickler = _SafeUnpickler(io.BytesIO(_entry(archive, entries[pickles[0]])), legacy=False)
        tree = unpickler.load()
        arrays = {}
        for key, storage in unpickler.storages.items():
            info = entries.get(f"{prefix}data/{key}")
            if info is None:
                raise CheckpointError(
                    translate("Errors", "storage {key} is missing").format(key=key)
                )
            arrays[key] = _read_storage(archive, info, storage)
    return tree, arrays


def _read_storage(archive: zipfile.ZipFile, info: zipfile.ZipInfo, storage: _Storage) -> np.ndarray:
    """A storage read straight into a writable array: one copy of the weights in memory."""
    dtype = storage.kind.dtype
    if info.compress_type != zipfile.ZIP_STORED:
        raise CheckpointError(
            translate("Errors", "compressed entries, which torch.save never writes")
        )
    if info.file_size != storage.numel * dtype.itemsize:
        raise CheckpointError(
            translate("Errors", "storage {key} has the wrong length").format(key=storage.key)
        )
    values = np.empty(storage.numel, dtype)
    target, done = values.view(np.uint8), 0
    with archive.open(info) as entry:
        while chunk := entry.read(READ_CHUNK):
            target[done : done + len(chunk)] = np.frombuffer(chunk, np.uint8)
            done += len(chunk)
    if done != info.file_size:
        raise CheckpointError(
            translate("Errors", "storage {key} ends too early").format(key=storage.key)
        )
    return values


def _entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_PICKLE_BYTES) -> bytes:
    if info.compress_type != zipfile.ZIP_STORED:
        raise CheckpointError(
            translate("Errors", "compressed entries, which torch.save never writes")
        )
    if info.file_size > limit:
        raise CheckpointError(
            translate("Errors", "{filename} is larger than expected").format(filename=info.filename)
        )
    return archive.read(info)


def _read_legacy(stream: BinaryIO) -> tuple[object, dict[str, np.ndarray]]:
    if _load_one(stream) != LEGACY_MAGIC or _load_one(stream) != LEGACY_PROTOCOL:
        raise CheckpointError(translate("Errors", "not a PyTorch checkpoint"))
    _load_one(stream)  # system information (endianness, type sizes)
    unpickler = _SafeUnpickler(stream, legacy=True)
    tree = unpickler.load()
    keys = _load_one(stream)
    if not isinstance(keys, list) or set(keys) != set(unpickler.storages):
        raise CheckpointError(
            translate("Errors", "its list of storages does not match its tensors")
        )
    arrays = {}
    for key in keys:
        storage = unpickler.storages[key]
        (count,) = struct.unpack("<q", _exactly(stream, 8))
        if count != storage.numel:
            raise CheckpointError(
                translate("Errors", "storage {key} holds {count} values, not {numel}").format(
                    key=key, count=count, numel=storage.numel
                )
            )
        data = _exactly(stream, count * storage.kind.dtype.itemsize)
        arrays[key] = _array(data, storage)
    return tree, arrays


def _load_one(stream: BinaryIO) -> object:
    """The next pickle of a legacy file, checked like every other."""
    return _SafeUnpickler(stream, legacy=True).load()


def _exactly(stream: BinaryIO, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise CheckpointError(translate("Errors", "the file ends too early"))
    return data


def _array(data: bytes, storage: _Storage) -> np.ndarray:
    dtype = storage.kind.dtype
    if len(data) != storage.numel * dtype.itemsize:
        raise CheckpointError(
            translate("Errors", "storage {key} has the wrong length").format(key=storage.key)
        )
    return np.frombuffer(data, dtype=dtype)


def _materialise(tree: object, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    if isinstance(tree, dict) and "state_dict" in tree:
        tree = tree["state_dict"]
    if not isinstance(tree, dict) or not tree:
        raise CheckpointError(
            translate("Errors", "it does not hold a state dict (tensors by name)")
        )
    state: dict[str, np.ndarray] = {}
    for name, value in tree.items():
        if not isinstance(name, str) or not isinstance(value, _PendingTensor):
            raise CheckpointError(
                translate("Errors", "it does not hold a state dict (tensors by name)")
            )
        state[name] = _tensor(value, arrays[value.storage.key])
    return state


def _tensor(tensor: _PendingTensor, flat: np.ndarray) -> np.ndarray:
    """The strided view torch would build, bounds-checked; the storage itself when the
    tensor is all of it in order (the usual case: no copy), else a contiguous copy."""
    if len(tensor.size) != len(tensor.stride):
        raise CheckpointError(translate("Errors", "a tensor whose shape and strides disagree"))
    count = int(np.prod(tensor.size, dtype=np.int64))
    if count == 0:
        values = np.empty(tensor.size, flat.dtype)
    else:
        last = tensor.offset + sum(
            (n - 1) * s for n, s in zip(tensor.size, tensor.stride, strict=True)
        )
        if last >= flat.size:
            raise CheckpointError(
                translate("Errors", "a tensor reaches past the end of its storage")
            )
        strides = tuple(s * flat.itemsize for s in tensor.stride)
        view = np.lib.stride_tricks.as_strided(
            flat[tensor.offset :], shape=tensor.size, strides=strides, writeable=False
        )
        whole = tensor.offset == 0 and count == flat.size and view.flags.c_contiguous
        if whole and flat.flags.writeable:
            values = flat.reshape(tensor.size)
        else:
            values = np.array(view, order="C")  # a copy (ascontiguousarray would make 0-d 1-d)
    if tensor.storage.kind.name == "BFloat16Storage":
        return (values.astype(np.uint32) << 16).view(np.float32)
    return values


def describe_mismatch(
    expected: Mapping[str, Sequence[int]],
    found: Mapping[str, Sequence[int]],
    *,
    report_unexpected: bool = True,
) -> str:
    """Why a state dict does not fit a model, in a few words: "missing a, b and 3 more; …"."""
    groups = {
        "missing": [key for key in expected if key not in found],
        "unexpected": [key for key in found if key not in expected] if report_unexpected else [],
        "wrong shape": [
            key for key in expected if key in found and tuple(found[key]) != tuple(expected[key])
        ],
    }
    parts = []
    for label, keys in groups.items():
        if keys:
            more = f" and {len(keys) - 2} more" if len(keys) > 2 else ""
            parts.append(f"{label} {', '.join(keys[:2])}{more}")
    return "; ".join(parts)
