"""Read PyTorch checkpoint files into numpy arrays, without torch and without running code.

Both formats ``torch.save`` writes are read: the zip archive (PyTorch 1.6 and later: a
pickle in ``<prefix>/data.pkl``, each storage in ``<prefix>/data/<key>``) and the legacy
stream (a pickle followed by the storages' raw bytes; Lite0's weights use it).

The pickle is read by an unpickler that knows only what ``torch.load(weights_only=True)``
allows for state dicts: ordered dicts, tensors and their storages, plain Python values.
Any other global — the way a pickle runs code — is refused, and every fault in a file
(truncated, mutated, lying about sizes) is one :class:`CheckpointError`, never another
exception.

The reader is given the model's *template* (each tensor's name and shape) and reads only
those tensors: the final objects the pickle built are checked (offsets, strides and
storage bounds) after unpickling, never the steps that built them; only the storages they
use are read; and what is read is bounded by the template's size, so a small file cannot
claim gigabytes. See :data:`STORAGE_BYTES_PER_VALUE` for the bound.

It is long because it is a safe unpickler and two archive readers; each check sits
beside the code it guards.
"""

from __future__ import annotations

import collections
import functools
import io
import os
import pickle
import pickletools
import struct
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from app.core.errors import CheckpointError, os_reason
from app.core.files import open_regular
from app.i18n import translate

Template = Mapping[str, Sequence[int]]
"""A model's tensors by name, each with its shape: what a weights file must provide."""

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
LEGACY_PROTOCOL = 1001
READ_CHUNK = 4 * 2**20
# A state dict's pickle is about 150 bytes a tensor (B7's: under 100 kB); a longer one is
# not a state dict, and walking it (a flood of MARK opcodes, say) would only cost time.
PICKLE_BYTES_BASE = 256 * 2**10
PICKLE_BYTES_PER_TENSOR = 2 * 2**10
# Storages read are bounded by the template: 8 bytes a value (float64, the widest type a
# weights file uses) plus a little for the small buffers; a legacy file is read whole, so
# its pickles count too. The reader's peak memory is thus at most about three times the
# template's float32 size (storages, plus a copy of any tensor not stored in order) plus
# the pickle.
STORAGE_BYTES_PER_VALUE = 8
STORAGE_BYTES_SLACK = 2**20
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
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


class _Unbuildable:
    """Pickle's BUILD opcode sets attributes on the object on the stack; on the reader's
    own objects that would change a tensor after it was made, so it is refused."""

    __slots__ = ()

    def __setstate__(self, _state: object) -> None:
        raise CheckpointError(translate("Errors", "it changes a tensor after making it"))


@dataclass(frozen=True)
class _StorageType(_Unbuildable):
    name: str

    @property
    def dtype(self) -> np.dtype:
        return _DTYPES[self.name]


@dataclass(frozen=True)
class _Storage(_Unbuildable):
    kind: _StorageType
    key: str
    numel: int


@dataclass(frozen=True)
class _PendingTensor(_Unbuildable):
    """A tensor as the pickle describes it; nothing here is trusted until :func:`_checked`."""

    storage: object
    offset: object
    size: object
    stride: object


@dataclass(frozen=True)
class _Global(_Unbuildable):
    """An allowed global, fresh for each use, so no pickle can change the reader's own."""

    call: Callable[..., object]

    def __call__(self, *args: object) -> object:
        return self.call(*args)


@dataclass(frozen=True)
class _Tensor:
    """A checked tensor: its values lie inside its storage."""

    storage: _Storage
    offset: int
    size: tuple[int, ...]
    stride: tuple[int, ...]


def _rebuild_tensor_v2(
    storage: object, offset: object, size: object, stride: object, *_rest: object
) -> _PendingTensor:
    return _PendingTensor(storage, offset, size, stride)


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


_ALLOWED_GLOBALS: dict[tuple[str, str], Callable[[], object]] = {
    ("collections", "OrderedDict"): lambda: _Global(collections.OrderedDict),
    ("torch._utils", "_rebuild_tensor_v2"): lambda: _Global(_rebuild_tensor_v2),
    ("torch._utils", "_rebuild_parameter"): lambda: _Global(_rebuild_parameter),
    **{("torch", name): functools.partial(_StorageType, name) for name in _DTYPES},
}


_MEMO_OPCODES = {"PUT", "BINPUT", "LONG_BINPUT", "GET", "BINGET", "LONG_BINGET"}


def _check_pickle(stream: BinaryIO, limit: int) -> None:
    """Walk the pickle's opcodes before unpickling it: one longer than ``limit`` bytes is not
    a state dict's, and a memo index far beyond the number of opcodes (a flipped byte can
    claim 2**31) would make the unpickler allocate and clear gigabytes for its memo table."""
    start = stream.tell()
    for count, (opcode, argument, position) in enumerate(pickletools.genops(stream), start=1):
        if position is not None and position - start > limit:
            raise CheckpointError(translate("Errors", "its pickle is longer than a state dict's"))
        if opcode.name in _MEMO_OPCODES and isinstance(argument, int) and argument > count:
            raise CheckpointError(translate("Errors", "its pickle refers to objects it never made"))
    stream.seek(start)


class _SafeUnpickler(pickle.Unpickler):
    """Only the allow-listed globals exist; storages are noted, not read, while unpickling."""

    def __init__(self, stream: BinaryIO, legacy: bool, limit: int) -> None:
        _check_pickle(stream, limit)
        super().__init__(stream)
        self.legacy = legacy
        self.storages: dict[str, _Storage] = {}

    def find_class(self, module: str, name: str) -> Any:
        make = _ALLOWED_GLOBALS.get((module, name))
        if make is None:
            raise CheckpointError(
                translate(
                    "Errors", "it asks to run {module}.{name}, which a weights file never does"
                ).format(module=module, name=name)
            )
        return make()

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


class _DoesNotFit(Exception):  # noqa: N818 - carries describe_mismatch's words
    """The file is a state dict, but not of this model."""


@dataclass(frozen=True)
class _Budget:
    """How much of a file the reader may take, from the template it fills."""

    pickle_bytes: int
    storage_bytes: int

    @classmethod
    def for_template(cls, template: Template) -> _Budget:
        values = sum(int(np.prod(shape, dtype=np.int64)) for shape in template.values())
        return cls(
            pickle_bytes=PICKLE_BYTES_BASE + PICKLE_BYTES_PER_TENSOR * len(template),
            storage_bytes=STORAGE_BYTES_PER_VALUE * values + STORAGE_BYTES_SLACK,
        )


def read_state_dict(path: Path, template: Template, model: str) -> dict[str, np.ndarray]:
    """The tensors that ``template`` names, read from ``path``, as C-contiguous numpy arrays
    of the template's shapes (float16 stays float16, bfloat16 becomes float32); other
    tensors in the file are ignored, a ``{"state_dict": …}`` wrapper is unwrapped.

    Raises :class:`CheckpointError` (one line, naming the file and, when the file is a
    state dict of another model, ``model`` and what differs) for anything else.
    """
    budget = _Budget.for_template(template)
    try:
        with open_regular(path) as stream:
            if zipfile.is_zipfile(stream):
                return _read_zip(stream, template, budget)
            stream.seek(0)
            return _read_legacy(stream, template, budget)
    except _DoesNotFit as mismatch:
        raise CheckpointError(
            translate("Errors", "{weights} does not fit {arch}: {mismatch}").format(
                weights=path, arch=model, mismatch=mismatch
            )
        ) from None
    except CheckpointError as error:
        raise CheckpointError(
            translate("Errors", "{path} is not a weights file that can be loaded ({error})").format(
                path=path, error=error
            )
        ) from None
    except OSError as error:
        raise CheckpointError(
            translate("Errors", "cannot read {path} ({strerror})").format(
                path=path, strerror=os_reason(error)
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


def _read_zip(stream: BinaryIO, template: Template, budget: _Budget) -> dict[str, np.ndarray]:
    with zipfile.ZipFile(stream) as archive:
        entries = _entries(archive, stream)
        pickles = [name for name in entries if name.endswith("/data.pkl")]
        if len(pickles) != 1:
            raise CheckpointError(translate("Errors", "a zip file, but not one torch.save wrote"))
        prefix = pickles[0][: -len("data.pkl")]
        if f"{prefix}constants.pkl" in entries:
            raise CheckpointError(translate("Errors", "a TorchScript program, not a weights file"))
        byteorder = entries.get(f"{prefix}byteorder")
        if byteorder is not None and _entry(archive, byteorder, 16) != b"little":
            raise CheckpointError(translate("Errors", "big-endian tensors are not supported"))
        pickled = _entry(archive, entries[pickles[0]], budget.pickle_bytes)
        tree = _SafeUnpickler(io.BytesIO(pickled), False, budget.pickle_bytes).load()
        tensors = _needed_tensors(tree, template)
        storages = _needed_storages(tensors, budget)
        arrays = {}
        for storage in storages:
            info = entries.get(f"{prefix}data/{storage.key}")
            if info is None:
                raise CheckpointError(
                    translate("Errors", "storage {key} is missing").format(key=storage.key)
                )
            arrays[storage.key] = _read_storage(archive, info, storage)
    return _materialised(tensors, arrays)


def _entries(archive: zipfile.ZipFile, stream: BinaryIO) -> dict[str, zipfile.ZipInfo]:
    """The archive's entries by name, each stored once in its own bytes: entries that share
    bytes (which Python 3.11's zipfile does not check) would let a small file claim many
    times its size."""
    infos = archive.infolist()
    entries = {info.filename: info for info in infos}
    if len(entries) != len(infos):
        raise CheckpointError(translate("Errors", "a zip file that names an entry twice"))
    size = stream.seek(0, io.SEEK_END)
    end = 0
    for info in sorted(infos, key=lambda info: info.header_offset):
        stream.seek(info.header_offset)
        header = stream.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
            raise CheckpointError(translate("Errors", "a damaged zip file"))
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
        start = info.header_offset
        data_end = start + _LOCAL_HEADER.size + name_length + extra_length + info.compress_size
        if start < end or data_end > size:
            raise CheckpointError(translate("Errors", "zip entries that overlap"))
        end = data_end
    return entries


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
        while done < info.file_size and (chunk := entry.read(READ_CHUNK)):
            target[done : done + len(chunk)] = np.frombuffer(chunk, np.uint8)
            done += len(chunk)
    if done != info.file_size:
        raise CheckpointError(
            translate("Errors", "storage {key} ends too early").format(key=storage.key)
        )
    return values


def _entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.compress_type != zipfile.ZIP_STORED:
        raise CheckpointError(
            translate("Errors", "compressed entries, which torch.save never writes")
        )
    if info.file_size > limit:
        raise CheckpointError(
            translate("Errors", "{filename} is larger than expected").format(filename=info.filename)
        )
    return archive.read(info)


def _read_legacy(stream: BinaryIO, template: Template, budget: _Budget) -> dict[str, np.ndarray]:
    size = os.fstat(stream.fileno()).st_size
    if size > budget.pickle_bytes + budget.storage_bytes:
        raise CheckpointError(translate("Errors", "it is larger than the model's weights could be"))
    data = memoryview(stream.read())  # small and old (Lite0's is 18 MB): no claim outruns it
    buffer = io.BytesIO(data)
    limit = budget.pickle_bytes
    if _load_one(buffer, limit) != LEGACY_MAGIC or _load_one(buffer, limit) != LEGACY_PROTOCOL:
        raise CheckpointError(translate("Errors", "not a PyTorch checkpoint"))
    _load_one(buffer, limit)  # system information (endianness, type sizes)
    unpickler = _SafeUnpickler(buffer, True, limit)
    tree = unpickler.load()
    keys = _load_one(buffer, limit)
    if not isinstance(keys, list) or set(keys) != set(unpickler.storages):
        raise CheckpointError(
            translate("Errors", "its list of storages does not match its tensors")
        )
    tensors = _needed_tensors(tree, template)
    needed = {storage.key for storage in _needed_storages(tensors, budget)}
    arrays = {}
    position = buffer.tell()
    for key in keys:
        storage = unpickler.storages[key]
        (count,) = struct.unpack("<q", _exactly(data, position, 8))
        if count != storage.numel:
            raise CheckpointError(
                translate("Errors", "storage {key} holds {count} values, not {numel}").format(
                    key=key, count=count, numel=storage.numel
                )
            )
        length = count * storage.kind.dtype.itemsize
        values = _exactly(data, position + 8, length)
        if key in needed:
            arrays[key] = np.frombuffer(values, dtype=storage.kind.dtype)
        position += 8 + length
    return _materialised(tensors, arrays)


def _load_one(stream: BinaryIO, limit: int) -> object:
    """The next pickle of a legacy file, checked like every other."""
    return _SafeUnpickler(stream, True, limit).load()


def _exactly(data: memoryview, start: int, size: int) -> memoryview:
    if start + size > len(data):
        raise CheckpointError(translate("Errors", "the file ends too early"))
    return data[start : start + size]


def _needed_tensors(tree: object, template: Template) -> dict[str, _Tensor]:
    """The template's tensors as the finished pickle holds them, each checked; raises
    :class:`_DoesNotFit` when names or shapes differ from the template's."""
    if isinstance(tree, dict) and "state_dict" in dict.keys(tree):
        tree = dict.__getitem__(tree, "state_dict")
    if not isinstance(tree, dict) or not tree:
        raise CheckpointError(
            translate("Errors", "it does not hold a state dict (tensors by name)")
        )
    found = {name: dict.__getitem__(tree, name) for name in template if name in dict.keys(tree)}
    tensors = {name: _checked(value) for name, value in found.items()}
    mismatch = describe_mismatch(
        template, {name: tensor.size for name, tensor in tensors.items()}, report_unexpected=False
    )
    if mismatch:
        raise _DoesNotFit(mismatch)
    return tensors


def _checked(value: object) -> _Tensor:
    """A tensor whose every value lies inside its storage, or :class:`CheckpointError`."""
    if not isinstance(value, _PendingTensor):
        raise CheckpointError(
            translate("Errors", "it does not hold a state dict (tensors by name)")
        )
    storage = value.storage
    if not isinstance(storage, _Storage):
        raise CheckpointError(translate("Errors", "a tensor without a storage"))
    offset, size, stride = _index(value.offset), _indices(value.size), _indices(value.stride)
    if len(size) != len(stride):
        raise CheckpointError(translate("Errors", "a tensor whose shape and strides disagree"))
    if 0 not in size:
        last = offset + sum((n - 1) * s for n, s in zip(size, stride, strict=True))
        if last >= storage.numel:
            raise CheckpointError(
                translate("Errors", "a tensor reaches past the end of its storage")
            )
    return _Tensor(storage, offset, size, stride)


def _needed_storages(tensors: Mapping[str, _Tensor], budget: _Budget) -> list[_Storage]:
    storages = list({tensor.storage.key: tensor.storage for tensor in tensors.values()}.values())
    if sum(storage.numel * storage.kind.dtype.itemsize for storage in storages) > (
        budget.storage_bytes
    ):
        raise CheckpointError(
            translate("Errors", "its tensors claim more storage than the model's weights need")
        )
    return storages


def _materialised(
    tensors: Mapping[str, _Tensor], arrays: Mapping[str, np.ndarray]
) -> dict[str, np.ndarray]:
    return {
        name: _materialise(tensor, arrays[tensor.storage.key]) for name, tensor in tensors.items()
    }


def _materialise(tensor: _Tensor, flat: np.ndarray) -> np.ndarray:
    """The strided view torch would build (checked by :func:`_checked`); the storage itself
    when the tensor is all of it in order (the usual case: no copy), else a contiguous copy."""
    if flat.size != tensor.storage.numel:
        raise CheckpointError(
            translate("Errors", "storage {key} has the wrong length").format(key=tensor.storage.key)
        )
    if 0 in tensor.size:
        values = np.empty(tensor.size, flat.dtype)
    else:
        strides = tuple(s * flat.itemsize for s in tensor.stride)
        view = np.lib.stride_tricks.as_strided(
            flat[tensor.offset :], shape=tensor.size, strides=strides, writeable=False
        )
        count = int(np.prod(tensor.size, dtype=np.int64))
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
