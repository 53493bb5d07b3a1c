"""Crafted checkpoints: what a hostile weights file controls can never make the reader read
outside a storage, take memory or time out of proportion to the model, or change a tensor
after it was checked."""

from __future__ import annotations

import collections
import os
import random
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

from app.core.errors import CheckpointError
from app.core.weights.checkpoint import (
    PICKLE_BYTES_BASE,
    PICKLE_BYTES_PER_TENSOR,
    read_state_dict,
)
from tests.support.checkpoints import (
    PREFIX,
    Checkpoint,
    Storage,
    Tensor,
    legacy_file,
    nested_zip,
    state_dict_pickle,
    zip_file,
)

FORMATS: dict[str, Callable[[Checkpoint], bytes]] = {"zip": zip_file, "legacy": legacy_file}
STORAGE = np.arange(12, dtype=np.float32)


def _one_tensor(offset: object, size: object, stride: object, build: object = None) -> Checkpoint:
    return Checkpoint(
        storages={"0": Storage("FloatStorage", STORAGE)},
        tensors={"w": Tensor("0", offset, size, stride, build)},
    )


def _read(tmp_path: Path, data: bytes, template: dict[str, tuple[int, ...]]) -> dict:
    path = tmp_path / "w.pth"
    path.write_bytes(data)
    return read_state_dict(path, template, "test")


def _reference(storage: np.ndarray, offset: int, size: tuple, stride: tuple) -> np.ndarray:
    """What torch would build, element by element."""
    out = np.empty(size, storage.dtype)
    for index in np.ndindex(*size):
        out[index] = storage[offset + sum(i * s for i, s in zip(index, stride, strict=True))]
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("offset", "size", "stride"),
    [
        (11, (1,), (1,)),  # the storage's last value
        (0, (12,), (1,)),
        (1, (1, 11), (0, 1)),
        (2, (2, 5), (1, 2)),  # 2 + 1 + 8 = 11
        (0, (3, 4), (4, 1)),
        (5, (3, 2), (0, 6)),  # a zero stride, ending on 11
    ],
)
def test_a_tensor_that_ends_on_its_storages_last_value_is_read_exactly(
    tmp_path: Path, fmt: str, offset: int, size: tuple, stride: tuple
) -> None:
    data = FORMATS[fmt](_one_tensor(offset, size, stride))
    state = _read(tmp_path, data, {"w": size})
    assert np.array_equal(state["w"], _reference(STORAGE, offset, size, stride))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("offset", "size", "stride"),
    [
        (12, (1,), (1,)),  # one past the last value
        (1, (12,), (1,)),
        (2, (1, 11), (0, 1)),
        (3, (2, 5), (1, 2)),
        (0, (3, 4), (4, 2)),
        (6, (3, 2), (0, 6)),
    ],
)
def test_a_tensor_one_value_past_its_storage_is_refused(
    tmp_path: Path, fmt: str, offset: int, size: tuple, stride: tuple
) -> None:
    with pytest.raises(CheckpointError, match="reaches past the end of its storage"):
        _read(tmp_path, FORMATS[fmt](_one_tensor(offset, size, stride)), {"w": size})


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("offset", "size", "stride"),
    [(-1, (2,), (1,)), (0, (2,), (-1,)), (0, (-2,), (1,)), (2**60, (1,), (1,)), (0, (2,), (1.5,))],
)
def test_negative_or_impossible_offsets_strides_and_sizes_are_refused(
    tmp_path: Path, fmt: str, offset: object, size: object, stride: object
) -> None:
    with pytest.raises(CheckpointError, match="impossible"):
        _read(tmp_path, FORMATS[fmt](_one_tensor(offset, size, stride)), {"w": (2,)})


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "state",
    [
        {"offset": -4},
        {"stride": (-1,)},
        (None, {"offset": -4}),  # slot state, set with setattr
        (None, {"storage": None}),
        [-4, (2,), (1,)],
    ],
    ids=["dict offset", "dict stride", "slot offset", "slot storage", "list"],
)
def test_a_build_that_changes_a_checked_tensor_is_refused(
    tmp_path: Path, fmt: str, state: object
) -> None:
    data = FORMATS[fmt](_one_tensor(0, (2,), (1,), build=state))
    with pytest.raises(CheckpointError, match="changes a tensor after making it"):
        _read(tmp_path, data, {"w": (2,)})


@pytest.mark.parametrize(
    ("module", "name", "state"),
    [
        ("torch", "FloatStorage", (None, {"name": "DoubleStorage"})),
        ("torch._utils", "_rebuild_tensor_v2", (None, {"call": print})),
        ("torch._utils", "_rebuild_tensor_v2", {"__defaults__": (1,)}),
        ("collections", "OrderedDict", {"x": 1}),
    ],
)
def test_a_build_on_an_allowed_global_is_refused_and_changes_nothing(
    tmp_path: Path, module: str, name: str, state: object
) -> None:
    hostile = _one_tensor(0, (2,), (1,))
    hostile.builds_on_globals.append((module, name, state))
    with pytest.raises(CheckpointError):
        _read(tmp_path, zip_file(hostile), {"w": (2,)})
    # The next file is read as before: nothing of the reader itself was changed.
    plain = zip_file(_one_tensor(0, (2,), (1,)))
    assert np.array_equal(_read(tmp_path, plain, {"w": (2,)})["w"], [0, 1])


def test_an_ordered_dicts_own_build_is_allowed(tmp_path: Path) -> None:
    """torch.save pickles a state dict's ``_metadata`` with BUILD on the OrderedDict."""
    path = tmp_path / "w.pth"
    torch.save(torch.nn.Linear(3, 2).state_dict(), path)  # carries _metadata
    state = read_state_dict(path, {"weight": (2, 3), "bias": (2,)}, "linear")
    assert state["weight"].shape == (2, 3)


def test_storages_bigger_than_the_model_needs_are_refused(tmp_path: Path) -> None:
    big = Storage("FloatStorage", np.zeros(2**19, np.float32))  # 2 MiB, for a 2-value model
    hostile = Checkpoint({"0": big}, {"w": Tensor("0", 0, (2,), (1,))})
    with pytest.raises(CheckpointError, match="claim more storage than the model"):
        _read(tmp_path, zip_file(hostile), {"w": (2,)})


def test_a_storage_that_claims_more_values_than_it_holds_is_refused(tmp_path: Path) -> None:
    lying = Storage("FloatStorage", STORAGE, numel=1000)
    hostile = Checkpoint({"0": lying}, {"w": Tensor("0", 900, (2,), (1,))})
    for make in FORMATS.values():
        with pytest.raises(CheckpointError, match="wrong length|holds 12 values"):
            _read(tmp_path, make(hostile), {"w": (2,)})


def test_a_tensor_of_another_shape_than_the_templates_is_refused_before_it_is_made(
    tmp_path: Path,
) -> None:
    bomb = Checkpoint(
        {"0": Storage("FloatStorage", STORAGE)},
        {"w": Tensor("0", 0, (2**20, 2**20), (0, 0))},  # 4 TB from a 12-value storage
    )
    with pytest.raises(CheckpointError, match=r"does not fit test: wrong shape w"):
        _read(tmp_path, zip_file(bomb), {"w": (2,)})


def test_tensors_the_model_does_not_use_are_never_made(tmp_path: Path) -> None:
    """A real checkpoint with expanded views beside the model's tensor: 4 GB if made."""
    path = tmp_path / "w.pth"
    one = torch.ones(1)
    views = {f"view{i}": one.expand(2**15, 2**15) for i in range(4)}
    torch.save({"w": torch.arange(4.0), **views}, path)
    tracemalloc.start()
    try:
        state = read_state_dict(path, {"w": (4,)}, "test")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert list(state) == ["w"] and peak < 2**21


def test_zip_entries_that_share_bytes_are_refused(tmp_path: Path) -> None:
    inner = np.arange(4, dtype=np.float32).tobytes()
    outer_values = np.zeros(8, np.float32).tobytes()
    checkpoint = Checkpoint(
        {"0": Storage("FloatStorage", np.zeros(1)), "1": Storage("FloatStorage", np.zeros(1))},
        {"a": Tensor("0", 0, (2,), (1,)), "b": Tensor("1", 0, (4,), (1,))},
    )
    inner_name = PREFIX + "data/1"
    local_size = 30 + len(inner_name) + len(inner)
    checkpoint.storages["0"].numel = (len(outer_values) + local_size) // 4
    checkpoint.storages["1"].numel = 4
    data = nested_zip(outer_values, inner_name, inner, state_dict_pickle(checkpoint))
    with pytest.raises(CheckpointError, match="zip entries that overlap"):
        _read(tmp_path, data, {"a": (2,), "b": (4,)})


@pytest.mark.timeout(10)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_flood_of_mark_opcodes_is_refused_at_once(tmp_path: Path, fmt: str) -> None:
    flood = _one_tensor(0, (2,), (1,))
    flood.marks = 60 * 2**20
    with pytest.raises(CheckpointError, match="longer than a state dict|larger than"):
        _read(tmp_path, FORMATS[fmt](flood), {"w": (2,)})


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "w.pth"
    os.mkfifo(fifo)
    with pytest.raises(CheckpointError, match="a pipe"):
        read_state_dict(fifo, {"w": (2,)}, "test")


# A structure-aware fuzz: every field above, drawn at random, in both formats.

TEMPLATE = {"a": (64, 64), "b": (64,), "c": (2, 3)}
TEMPLATE_BYTES = 4 * sum(int(np.prod(shape)) for shape in TEMPLATE.values())
PEAK_MULTIPLE = 4  # the reader's stated bound: 4 × the template's float32 size …
PEAK_SLACK = 2**21 + PICKLE_BYTES_BASE + PICKLE_BYTES_PER_TENSOR * len(TEMPLATE)  # … + this


def _fuzzed(rng: random.Random) -> Checkpoint:
    """What torch.save writes for the template, then a few fields drawn at random."""
    kinds = ["FloatStorage", "DoubleStorage", "HalfStorage", "LongStorage"]
    storages, tensors = {}, {}
    names = [*TEMPLATE, *(["extra"] if rng.random() < 0.3 else [])]
    for key, name in enumerate(names):
        shape = list(TEMPLATE.get(name, (2**14, 2**14)))
        numel = int(np.prod(TEMPLATE.get(name, (1,)))) + rng.choice([0, 0, 0, 1, 64])
        storages[str(key)] = Storage(rng.choice(kinds), np.arange(numel) % 97)
        if rng.random() < 0.05:
            storages[str(key)].numel = numel + rng.choice([-1, 1, 2**40])
        offset = rng.choice([0] * 6 + [1, 63, 64, -1, 2**47])
        if rng.random() < 0.1:
            shape[0] += rng.choice([-1, 1])
        stride = [int(np.prod(shape[i + 1 :])) for i in range(len(shape))]
        if rng.random() < 0.2:
            stride = [rng.choice([0, 1, 2, 64, -1]) for _ in shape]
        build = rng.choice([None] * 12 + [{"offset": -1}, (None, {"stride": (-1,)}), [1]])
        storage = str(key) if rng.random() < 0.9 else rng.choice(list(storages))
        tensors[name] = Tensor(storage, offset, tuple(shape), tuple(stride), build)
    checkpoint = Checkpoint(storages, tensors)
    if rng.random() < 0.05:
        checkpoint.builds_on_globals.append(("torch", "FloatStorage", (None, {"name": "x"})))
    return checkpoint


@pytest.mark.timeout(300)
def test_fuzzed_structures_are_read_exactly_or_refused_within_bounded_memory(
    tmp_path: Path,
) -> None:
    rng = random.Random(20261130)
    outcomes: collections.Counter[str] = collections.Counter()
    path = tmp_path / "case.pth"
    for _case in range(600):
        checkpoint = _fuzzed(rng)
        path.write_bytes(rng.choice(list(FORMATS.values()))(checkpoint))
        tracemalloc.start()
        try:
            state = read_state_dict(path, TEMPLATE, "test")
        except CheckpointError as error:
            assert "\n" not in str(error)
            outcomes["refused"] += 1
        else:
            outcomes["read"] += 1
            for name, shape in TEMPLATE.items():
                tensor = checkpoint.tensors[name]
                storage = checkpoint.storages[tensor.storage]
                values = np.asarray(storage.values).astype(state[name].dtype)
                expected = _reference(values, tensor.offset, shape, tensor.stride)
                assert np.array_equal(state[name], expected.astype(state[name].dtype))
        finally:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        assert peak <= PEAK_MULTIPLE * TEMPLATE_BYTES + PEAK_SLACK
    assert outcomes["read"] > 20 and outcomes["refused"] > 100, outcomes
