"""The CPU engines without torch: the checkpoint reader, graph templates, parity of ONNX
Runtime and OpenVINO with torch eager for every built-in architecture, their saved forms,
and runs where importing torch fails."""

from __future__ import annotations

import collections
import io
import json
import os
import random
from functools import partial
from pathlib import Path

import numpy as np
import pytest
import torch

from app.core.architectures.graph_export import builtin_architectures, export_template
from app.core.architectures.graphs import manifest_path, template_path
from app.core.architectures.torch_models import build_model
from app.core.errors import CheckpointError
from app.core.inference.openvino_runner import OpenVinoRunner
from app.core.inference.predictions import Prediction
from app.core.inference.runners import OnnxRunner
from app.core.models.catalog import Catalog, ModelSpec, builtin_specs
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess
from app.core.weights.checkpoint import read_state_dict
from app.core.weights.store import WeightsStore
from tests.support.factories import sha256, write_catalog
from tests.support.models import calibrated_state_dict
from tests.support.no_torch import run_without_torch
from tests.support.photos import CHINA, FLOWER

BUILTIN = {spec.id: spec for spec in builtin_specs()}
LARGE = {"b5", "b6", "b7", "v2-m", "v2-l"}


def _tensors() -> dict[str, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    return collections.OrderedDict(
        weight=torch.randn(4, 3, 3, 3, generator=generator),
        transposed=torch.randn(5, 7, generator=generator).t(),  # strided
        sliced=torch.randn(20, generator=generator)[3:9],  # an offset into its storage
        half=torch.randn(6, generator=generator).half(),
        bfloat=torch.randn(6, generator=generator).bfloat16(),
        steps=torch.tensor(7),  # 0-d int64, like num_batches_tracked
        flags=torch.tensor([True, False]),
    )


def _template(tensors: dict[str, torch.Tensor]) -> dict[str, tuple[int, ...]]:
    return {name: tuple(tensor.shape) for name, tensor in tensors.items()}


@pytest.mark.parametrize("zipped", [True, False], ids=["zip format", "legacy format"])
def test_reads_what_torch_save_writes(tmp_path: Path, zipped: bool) -> None:
    tensors = _tensors()
    path = tmp_path / "w.pth"
    torch.save(tensors, path, _use_new_zipfile_serialization=zipped)
    state = read_state_dict(path, _template(tensors), "test")
    assert list(state) == list(tensors)
    for name, tensor in tensors.items():
        expected = (tensor.float() if tensor.dtype == torch.bfloat16 else tensor).numpy()
        assert state[name].dtype == expected.dtype and state[name].shape == expected.shape
        assert np.array_equal(state[name], expected)
        assert state[name].flags.c_contiguous


def test_reads_lite0s_legacy_file_like_torch_load(isolated_environment: Path) -> None:
    path = WeightsStore(isolated_environment).ensure(Catalog.load().get("lite0"))
    theirs = torch.load(path, weights_only=True)
    ours = read_state_dict(path, _template(theirs), "efficientnet_lite0")
    assert list(ours) == list(theirs)
    assert all(np.array_equal(ours[key], value.numpy()) for key, value in theirs.items())


def test_a_wrapped_state_dict_is_unwrapped(tmp_path: Path) -> None:
    path = tmp_path / "w.pth"
    torch.save({"state_dict": {"w": torch.ones(2)}}, path)
    assert list(read_state_dict(path, {"w": (2,)}, "test")) == ["w"]


class _Planted:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("zipped", [True, False], ids=["zip format", "legacy format"])
def test_a_pickle_that_would_run_code_never_runs(tmp_path: Path, zipped: bool) -> None:
    marker = tmp_path / "code-ran"
    path = tmp_path / "evil.pth"
    torch.save(
        {"w": torch.ones(2), "x": _Planted(marker)}, path, _use_new_zipfile_serialization=zipped
    )
    with pytest.raises(
        CheckpointError, match="asks to run .*, which a weights file never"
    ) as refused:
        read_state_dict(path, {"w": (2,)}, "test")
    assert not marker.exists()
    assert str(path) in str(refused.value) and "\n" not in str(refused.value)


def test_whole_models_and_torchscript_are_refused(tmp_path: Path) -> None:
    module = tmp_path / "module.pth"
    torch.save(torch.nn.Linear(2, 2), module)
    with pytest.raises(CheckpointError, match="asks to run torch.nn.modules.linear.Linear"):
        read_state_dict(module, {"weight": (2, 2)}, "test")
    script = tmp_path / "script.pt"
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), script)
    with pytest.raises(CheckpointError, match="a TorchScript program"):
        read_state_dict(script, {"weight": (2, 2)}, "test")


@pytest.mark.timeout(180)
def test_thousands_of_mutated_checkpoints_load_or_are_refused(tmp_path: Path) -> None:
    seeds = []
    for zipped in (True, False):
        buffer = io.BytesIO()
        torch.save(_tensors(), buffer, _use_new_zipfile_serialization=zipped)
        seeds.append(buffer.getvalue())
    rng = random.Random(11)
    template = _template(_tensors())
    path = tmp_path / "case.pth"
    outcomes = collections.Counter()
    for _ in range(3000):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 4)):
            where = rng.randrange(len(data))
            if rng.random() < 0.7:
                data[where] = rng.randrange(256)
            else:
                del data[where : where + rng.randint(1, 200)]
        path.write_bytes(bytes(data))
        try:
            read_state_dict(path, template, "test")
            outcomes["read"] += 1
        except CheckpointError as error:
            assert "\n" not in str(error)
            outcomes["refused"] += 1
    assert outcomes["read"] > 0 and outcomes["refused"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("arch", sorted(builtin_architectures()))
def test_committed_templates_equal_freshly_made_ones(arch: str, tmp_path: Path) -> None:
    classes, size = builtin_architectures()[arch]
    template, manifest = export_template(arch, classes, size, tmp_path)
    assert template_path(arch).read_bytes() == template
    assert manifest_path(arch).read_text(encoding="utf-8") == manifest


def test_templates_name_initializers_by_state_dict_keys() -> None:
    for arch in builtin_architectures():
        with torch.device("meta"):
            expected = {
                key: list(value.shape)
                for key, value in build_model(arch).state_dict().items()
                if not key.endswith("num_batches_tracked")
            }
        names = json.loads(manifest_path(arch).read_text())["initializers"]
        assert dict(names) == expected, arch


def _engine_logits(arch: str, weights: Path, size: int) -> dict[str, np.ndarray]:
    """The logits of torch eager, ONNX Runtime and OpenVINO on two real photos."""
    spec = next(s for s in builtin_specs() if s.arch == arch)
    photos = np.stack([preprocess(open_image(p), spec.preprocessing) for p in (CHINA, FLOWER)])
    assert photos.shape[-1] == size
    model = build_model(arch).eval()
    model.load_state_dict(torch.load(weights, weights_only=True))
    with torch.inference_mode():
        eager = model(torch.from_numpy(photos)).numpy()
    return {
        "torch": eager,
        "onnx": OnnxRunner.from_template(arch, weights, threads=2).logits(photos),
        "openvino": OpenVinoRunner.from_template(arch, weights, threads=2).logits(photos),
    }


def _top5(logits: np.ndarray) -> list[list[int]]:
    return [np.argsort(-row)[:5].tolist() for row in logits]


@pytest.mark.parametrize(
    "model_id",
    [pytest.param(m, marks=pytest.mark.slow) if m in LARGE else m for m in BUILTIN if m != "lite0"],
)
def test_both_cpu_engines_from_template_equal_torch_eager(model_id: str, tmp_path: Path) -> None:
    spec = BUILTIN[model_id]
    weights = tmp_path / "w.pth"
    weights.write_bytes(calibrated_state_dict(spec.arch))
    logits = _engine_logits(spec.arch, weights, spec.input_size)
    eager = logits.pop("torch")
    # Random weights give logits up to ~125 here, where float32 itself is only good to a
    # few 1e-4 (torch eager differs from a float64 run by 4e-4 on B3): the bound is 1e-4
    # of the largest logit. Lite0's real weights are held to 1e-4 absolute (below).
    bound = 1e-4 * max(1.0, float(np.abs(eager).max()))
    for engine, values in logits.items():
        assert np.abs(eager - values).max() <= bound, engine
        assert _top5(values) == _top5(eager), engine


def test_lite0_real_weights_from_template_equal_torch_eager(isolated_environment: Path) -> None:
    spec = BUILTIN["lite0"]
    weights = WeightsStore(isolated_environment).ensure(spec)
    logits = _engine_logits(spec.arch, weights, spec.input_size)
    eager = logits.pop("torch")
    for engine, values in logits.items():
        assert np.abs(eager - values).max() <= 1e-4, engine
        assert _top5(values) == _top5(eager), engine


@pytest.fixture
def cached_b3(tmp_path: Path, isolated_environment: Path) -> Path:
    """A user catalog whose B3 weights (random, calibrated) are already in the cache."""
    weights = tmp_path / "b3.pth"
    weights.write_bytes(calibrated_state_dict("efficientnet_b3"))
    entry = {"id": "b3", "weights_url": weights.as_uri(), "sha256": sha256(weights.read_bytes())}
    catalog = write_catalog(tmp_path / "catalog.json", [entry])
    WeightsStore(isolated_environment).ensure(Catalog.load(catalog).get("b3"))
    return catalog


def test_cli_classifies_with_b3_on_the_cpu_without_torch(cached_b3: Path, tmp_path: Path) -> None:
    env = dict(os.environ, EFFNET_CATALOG=str(cached_b3), XDG_STATE_HOME=str(tmp_path / "s"))
    argv = [
        "classify",
        str(CHINA),
        "--model",
        "b3",
        "--device",
        "cpu",
        "--engine",
        "onnx",
        "--json",
    ]
    result = run_without_torch(f"from app.cli import main\nsys.exit(main({argv!r}))", env)
    assert result.returncode == 0, result.stderr
    document = result.stdout[: result.stdout.rindex("torch imported:")]
    (answer,) = json.loads(document)["results"]
    assert answer["model"] == "b3" and answer["engine"] == "onnx" and len(answer["top"]) == 5
    assert result.stdout.strip().endswith("torch imported: False")


def test_devices_without_torch_say_the_cpu_only_and_why(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "s"))
    result = run_without_torch("from app.cli import main\nmain(['devices', '--json'])", env)
    document = result.stdout[: result.stdout.rindex("torch imported:")]
    devices = json.loads(document)["devices"]
    assert [d["id"] for d in devices if d["available"]] == ["cpu"]
    reasons = [d["reason"] for d in devices if not d["available"]]
    # Installed with pip (not bundled): the extra that adds PyTorch.
    full = 'the full edition (pip install "efficientnet-desktop[full]")'
    assert any(full in r for r in reasons), reasons
    assert result.stdout.strip().endswith("torch imported: False")


def test_an_architecture_without_a_template_needs_torch_and_says_so(
    tmp_path: Path, isolated_environment: Path
) -> None:
    weights = tmp_path / "lite1.pth"
    torch.save(build_model("efficientnet_lite1").state_dict(), weights)
    entry = {"id": "lite1", "arch": "efficientnet_lite1", "weights_url": weights.as_uri(),
             "sha256": sha256(weights.read_bytes())}  # fmt: skip
    catalog = write_catalog(tmp_path / "catalog.json", [entry])
    env = dict(os.environ, EFFNET_CATALOG=str(catalog), XDG_STATE_HOME=str(tmp_path / "s"))
    argv = ["classify", str(CHINA), "--model", "lite1", "--device", "cpu"]
    result = run_without_torch(f"from app.cli import main\nsys.exit(main({argv!r}))", env)
    assert result.returncode == 1
    assert "needs PyTorch, which this installation does not have" in result.stderr


def test_a_memo_index_of_two_billion_is_refused_before_unpickling(tmp_path: Path) -> None:
    import pickle
    import time

    from app.core.weights.checkpoint import LEGACY_MAGIC

    magic = pickle.dumps(LEGACY_MAGIC, protocol=2)
    bomb = magic[:-1] + b"r\xff\xff\xff\x7f" + magic[-1:]  # LONG_BINPUT 2**31 - 1, then STOP
    path = tmp_path / "bomb.pth"
    path.write_bytes(bomb)
    started = time.monotonic()
    with pytest.raises(CheckpointError, match="refers to objects it never made"):
        read_state_dict(path, {"w": (2,)}, "test")
    assert time.monotonic() - started < 1.0  # the unpickler would spend ~30 s and 16 GB


@pytest.fixture
def b0_catalog(tmp_path: Path, b0_file: Path, b0_bytes: bytes) -> Catalog:
    entry = {"id": "b0", "weights_url": b0_file.as_uri(), "sha256": sha256(b0_bytes)}
    return Catalog.load(write_catalog(tmp_path / "catalog.json", [entry]))


def classify_b0(catalog: Catalog, cache: Path, engine: str) -> Prediction:
    from app.core.inference.classifier import open_classifier

    return open_classifier(catalog, cache).classify(CHINA, "b0", "cpu", engine=engine)


def _fresh_process(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.core.weights import records

    monkeypatch.setattr(records, "PROCESS_DIGESTS", records._ProcessDigests())


def _saved_files(cache: Path, spec: ModelSpec, engine: str) -> list[Path]:
    """What the engine keeps of a model: ONNX Runtime's optimised graph and its tensors,
    or OpenVINO's compiled model."""
    from app.core.inference.onnx_cache import OnnxCache

    store = OnnxCache(cache)
    if engine == "onnx":
        graph = store.find(spec)
        return [graph, graph.with_suffix(".data")] if graph is not None else []
    compiled = store.compiled_path(spec)
    return [compiled] if compiled.is_file() else []


@pytest.mark.parametrize("engine", ["onnx", "openvino"])
def test_the_engines_model_is_saved_and_the_next_start_needs_no_weights(
    b0_catalog: Catalog, isolated_environment: Path, monkeypatch, engine: str
) -> None:
    classify = partial(classify_b0, b0_catalog, isolated_environment, engine)
    first = classify()
    assert first.engine == engine
    saved = _saved_files(isolated_environment, b0_catalog.get("b0"), engine)
    assert saved and all(path.is_file() for path in saved)
    WeightsStore(isolated_environment).remove(b0_catalog.get("b0"))  # not needed any more
    _fresh_process(monkeypatch)
    again = classify()
    assert again.engine == engine and again.timings.weights == 0
    assert [t.index for t in again.top] == [t.index for t in first.top]
    pairs = zip(again.top, first.top, strict=True)
    assert all(abs(a.probability - b.probability) < 1e-5 for a, b in pairs)


@pytest.mark.parametrize("engine", ["onnx", "openvino"])
def test_a_damaged_saved_model_is_made_again(
    b0_catalog: Catalog, isolated_environment: Path, monkeypatch, engine: str
) -> None:
    classify = partial(classify_b0, b0_catalog, isolated_environment, engine)
    first = classify()
    data = _saved_files(isolated_environment, b0_catalog.get("b0"), engine)[-1]
    before = data.stat()
    with data.open("r+b") as file:  # a flipped byte, size and mtime kept
        file.seek(before.st_size // 2)
        byte = file.read(1)
        file.seek(before.st_size // 2)
        file.write(bytes([byte[0] ^ 0xFF]))
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    _fresh_process(monkeypatch)
    again = classify()
    assert [t.index for t in again.top] == [t.index for t in first.top]
    assert again.engine == engine
    assert again.timings.weights > 0  # made again from the weights file
    assert _saved_files(isolated_environment, b0_catalog.get("b0"), engine)


@pytest.mark.parametrize("engine", ["onnx", "openvino"])
def test_a_read_only_cache_runs_without_saving(
    b0_catalog: Catalog, isolated_environment: Path, monkeypatch, engine: str
) -> None:
    from pathlib import Path as RealPath

    WeightsStore(isolated_environment).ensure(b0_catalog.get("b0"))
    real_mkdir = RealPath.mkdir

    def read_only(self: RealPath, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name.endswith(".build"):
            raise PermissionError(30, "Read-only file system")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(RealPath, "mkdir", read_only)
    answer = classify_b0(b0_catalog, isolated_environment, engine)
    assert answer.engine == engine and answer.top
    assert not list((isolated_environment / "onnx").glob("*.*"))


@pytest.mark.parametrize("engine", ["onnx", "openvino", "auto"])
def test_nothing_is_written_outside_the_apps_own_folders(tmp_path: Path, engine: str) -> None:
    import subprocess
    import sys

    home, temporary = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.pop("ORT_DISABLE_TELEMETRY", None)  # the app sets it itself
    env.update(HOME=str(home), EFFNET_CACHE_DIR=str(tmp_path / "cache"), TMPDIR=str(temporary))
    result = subprocess.run(
        [sys.executable, "-m", "app", "classify", str(CHINA), "--engine", engine],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = [path for path in home.rglob("*") if path.is_file()]
    assert written, "the log file should be there"
    assert all("EfficientNet Desktop" in str(path) for path in written), written
    assert not (home / ".cache" / "Microsoft").exists()
    assert not (home / "intel").exists()  # OpenVINO's telemetry's client id
    assert not list(temporary.iterdir())  # OpenVINO's scratch copy of the graph is gone


def test_version_names_the_edition(capsys) -> None:
    from app import __version__
    from app.cli import main

    without = run_without_torch("from app.cli import main\nmain(['--version'])")
    assert without.stdout.startswith(f"effnet {__version__}, standard edition\n"), without.stdout
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"effnet {__version__}, full edition\n"
