"""Checkpoint files assembled opcode by opcode: every field a hostile file controls (a
tensor's offset, shape and strides, a BUILD after it was made, storages that lie, zip
entries that share bytes) can be set to anything, in either format torch.save writes."""

from __future__ import annotations

import pickle
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

import numpy as np

from app.core.weights.checkpoint import LEGACY_MAGIC, LEGACY_PROTOCOL

PREFIX = "archive/"
DTYPES = {"FloatStorage": "<f4", "DoubleStorage": "<f8", "HalfStorage": "<f2", "LongStorage": "<i8"}


@dataclass
class Storage:
    kind: str  # "FloatStorage", …
    values: np.ndarray  # what the file holds
    numel: int | None = None  # what the pickle claims; None: the truth


@dataclass
class Tensor:
    storage: str  # key of a Storage
    offset: object
    size: object
    stride: object
    build: object = None  # a state for a BUILD opcode right after the tensor is made


@dataclass
class Checkpoint:
    storages: dict[str, Storage]
    tensors: dict[str, Tensor]
    builds_on_globals: list[tuple[str, str, object]] = field(default_factory=list)
    marks: int = 0  # MARK opcodes before the state dict: a flood of them


def _value(value: object) -> bytes:
    """The opcodes that push ``value`` (ints, strings, tuples, None, dicts of them)."""
    return pickle.dumps(value, protocol=2)[2:-1]


def _global(module: str, name: str) -> bytes:
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def _storage(key: str, storage: Storage) -> bytes:
    numel = len(storage.values) if storage.numel is None else storage.numel
    return (
        b"(" + _value("storage") + _global("torch", storage.kind) + _value(key)
        + _value("cpu") + _value(numel) + b"tQ"
    )  # fmt: skip


def _tensor(tensor: Tensor, storages: dict[str, Storage]) -> bytes:
    storage = _storage(tensor.storage, storages[tensor.storage])
    ops = (
        _global("torch._utils", "_rebuild_tensor_v2") + b"(" + storage
        + _value(tensor.offset) + _value(tensor.size) + _value(tensor.stride) + b"\x89"
        + _global("collections", "OrderedDict") + b")R" + b"tR"
    )  # fmt: skip
    if tensor.build is not None:
        ops += _value(tensor.build) + b"b"
    return ops


def state_dict_pickle(checkpoint: Checkpoint) -> bytes:
    ops = b"\x80\x02" + b"(" * checkpoint.marks
    for module, name, state in checkpoint.builds_on_globals:
        ops += _global(module, name) + _value(state) + b"b0"  # BUILD, then POP
    ops += _global("collections", "OrderedDict") + b")R("
    for name, tensor in checkpoint.tensors.items():
        ops += _value(name) + _tensor(tensor, checkpoint.storages)
    return ops + b"u."


def zip_file(checkpoint: Checkpoint) -> bytes:
    """The archive torch.save writes (stored entries, ``archive/`` prefix)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(PREFIX + "data.pkl", state_dict_pickle(checkpoint))
        archive.writestr(PREFIX + "byteorder", "little")
        for key, storage in checkpoint.storages.items():
            archive.writestr(PREFIX + f"data/{key}", _raw(storage))
        archive.writestr(PREFIX + "version", "3\n")
    return buffer.getvalue()


def legacy_file(checkpoint: Checkpoint) -> bytes:
    """The stream torch.save writes without the zip format: pickles, then raw storages."""
    system = {"protocol_version": LEGACY_PROTOCOL, "little_endian": True,
              "type_sizes": {"short": 2, "int": 4, "long": 4}}  # fmt: skip
    parts = [pickle.dumps(LEGACY_MAGIC, 2), pickle.dumps(LEGACY_PROTOCOL, 2),
             pickle.dumps(system, 2), state_dict_pickle(checkpoint),
             pickle.dumps(list(checkpoint.storages), 2)]  # fmt: skip
    for storage in checkpoint.storages.values():
        parts.append(struct.pack("<q", len(storage.values)) + _raw(storage))
    return b"".join(parts)


def _raw(storage: Storage) -> bytes:
    return np.asarray(storage.values, DTYPES[storage.kind]).tobytes()


def nested_zip(outer: bytes, inner_name: str, inner: bytes, pickled: bytes) -> bytes:
    """A zip whose entry ``archive/data/0`` holds, inside its own bytes, the whole local
    entry ``inner_name``: two entries, each valid, sharing bytes."""
    inner_local = _local(inner_name, inner)
    outer_data = outer + inner_local
    entries = [(PREFIX + "data.pkl", pickled), (PREFIX + "data/0", outer_data)]
    body, central, offsets = b"", b"", {}
    for name, data in entries:
        offsets[name] = len(body)
        body += _local(name, data)
    inner_offset = offsets[PREFIX + "data/0"] + len(_local(PREFIX + "data/0", b"")) + len(outer)
    for name, data in entries:
        central += _central(name, data, offsets[name])
    central += _central(inner_name, inner, inner_offset)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 3, 3, len(central), len(body), 0)
    return body + central + end


def _local(name: str, data: bytes) -> bytes:
    encoded = name.encode()
    header = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0,
                         zlib.crc32(data), len(data), len(data), len(encoded), 0)  # fmt: skip
    return header + encoded + data


def _central(name: str, data: bytes, offset: int) -> bytes:
    encoded = name.encode()
    return struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0,
                       zlib.crc32(data), len(data), len(data), len(encoded), 0, 0, 0, 0, 0,
                       offset) + encoded  # fmt: skip
