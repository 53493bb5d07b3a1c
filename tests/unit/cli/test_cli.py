"""The ``effnet`` command: output, JSON schemas and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import main
from tests.support.factories import sha256, state_dict_bytes, write_catalog
from tests.support.photos import CHINA, FLOWER


@pytest.fixture
def served_b0(server, tmp_path: Path, monkeypatch) -> bytes:
    data = state_dict_bytes(size=300_000)
    (server.root / "b0.pth").write_bytes(data)
    catalog = write_catalog(
        tmp_path / "catalog.json",
        [{"id": "b0", "weights_url": server.url("b0.pth"), "sha256": sha256(data)}],
    )
    monkeypatch.setenv("EFFNET_CATALOG", str(catalog))
    return data


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, env=os.environ
    )


def test_version() -> None:
    assert run_process("--version").stdout.strip() == f"effnet {__version__}, full edition"


def test_options_without_a_command_print_help_naming_every_command(capsys) -> None:
    from app.cli import COMMANDS

    code, out, _ = run(capsys, "--debug")  # no command: help, not the window
    assert code == 0 and out.startswith("usage: effnet")
    assert all(command in out for command in COMMANDS)


def test_models_lists_all_twelve(capsys) -> None:
    code, out, _ = run(capsys, "models", "--json")
    models = json.loads(out)["models"]
    assert code == 0 and len(models) == 12
    lite0 = models[0]
    assert lite0["id"] == "lite0" and lite0["weights_ready"] and lite0["input_size"] == 224
    code, out, _ = run(capsys, "models")
    assert "EfficientNet-B7" in out and "600px" in out


def test_weights_path_follows_the_environment(capsys, isolated_environment) -> None:
    assert run(capsys, "weights", "path")[1].strip() == str(isolated_environment)


def test_download_verifies_and_lists_as_verified(capsys, served_b0, isolated_environment) -> None:
    code, _, _ = run(capsys, "weights", "download", "b0")
    assert code == 0 and (isolated_environment / "b0.pth").read_bytes() == served_b0
    listing = json.loads(run(capsys, "weights", "list", "--json")[1])["weights"]
    b0 = next(w for w in listing if w["id"] == "b0")
    assert b0["state"] == "verified" and b0["ready"]


def test_download_of_a_corrupted_file_fails_in_one_line(
    server, served_b0, isolated_environment
) -> None:
    server.behaviour.corrupt = True
    result = run_process("weights", "download", "b0")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "integrity check" in lines[0] and "Traceback" not in result.stderr
    assert list(isolated_environment.glob("b0.pth*")) == []


def test_import_and_remove(capsys, served_b0, tmp_path, isolated_environment) -> None:
    wrong = tmp_path / "wrong.pth"
    wrong.write_bytes(b"nope")
    code, _, err = run(capsys, "weights", "import", "b0", str(wrong))
    assert code == 1 and sha256(b"nope") in err
    good = tmp_path / "good.pth"
    good.write_bytes(served_b0)
    assert run(capsys, "weights", "import", "b0", str(good))[0] == 0
    code, out, _ = run(capsys, "weights", "remove", "b0")
    assert code == 0 and "removed" in out and not (isolated_environment / "b0.pth").exists()


def test_usage_and_configuration_errors_exit_2(capsys, tmp_path, monkeypatch) -> None:
    assert run(capsys, "weights", "download", "b9")[0] == 2
    with pytest.raises(SystemExit) as exited:
        main(["classify"])
    assert exited.value.code == 2
    capsys.readouterr()
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    monkeypatch.setenv("EFFNET_CATALOG", str(bad))
    code, _, err = run(capsys, "models")
    assert code == 2 and str(bad) in err and len(err.strip().splitlines()) == 1


def test_classify_real_photos_as_json(capsys) -> None:
    code, out, _ = run(capsys, "classify", "--model", "lite0", "--json", str(CHINA), str(FLOWER))
    results = json.loads(out)["results"]
    assert code == 0
    assert results[0]["top"][0]["label"] == "palace" and results[0]["top"][0]["index"] == 698
    assert "daisy" in [t["label"] for t in results[1]["top"][:3]]
    assert set(results[0]["timings_ms"]) == {"weights", "load", "preprocess", "inference"}
    assert results[0]["model"] == "lite0" and results[0]["device"] == "cpu"


def test_one_bad_image_does_not_stop_the_others(capsys, tmp_path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(CHINA.read_bytes())
    (folder / "b.jpg").write_text("not a photo")
    code, out, _ = run(capsys, "classify", "--json", "--top", "3", str(folder))
    results = json.loads(out)["results"]
    assert code == 1
    assert results[0]["top"][0]["label"] == "palace" and len(results[0]["top"]) == 3
    assert "not an image" in results[1]["error"]


def test_human_output_and_bad_usage(capsys) -> None:
    code, out, _ = run(capsys, "classify", str(CHINA))
    assert code == 0 and "palace" in out and "inference" in out
    assert out.splitlines()[1] == "Not sure — maybe a palace or a bell cote"  # as the window says
    with pytest.raises(SystemExit) as exited:
        main(["classify", "--top", "0", str(CHINA)])
    assert exited.value.code == 2
    code, _, err = run(capsys, "classify", "--device", "cuda:7", str(CHINA))
    assert code == 2 and "no device 'cuda:7'" in err


def test_devices_json(capsys) -> None:
    code, out, _ = run(capsys, "devices", "--json")
    devices = json.loads(out)["devices"]
    assert code == 0 and devices[0]["id"] == "cpu" and devices[0]["available"]


def test_benchmark_prints_table_json_and_csv(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "benchmark", "--models", "lite0,b0", "--speed-only", "--runs", "2",
                         "--warmup", "1")  # fmt: skip
    assert code == 0 and "median ms" in out and "random" in out and "[2/2] b0" in err
    csv_file = tmp_path / "bench.csv"
    code, out, _ = run(capsys, "benchmark", "--models", "lite0", "--runs", "2", "--json")
    document = json.loads(out)
    result = document["results"][0]
    assert {"model", "device", "precision", "batch", "median_ms", "p90_ms", "min_ms",
            "images_per_s", "peak_memory_mb", "load_ms", "weights"} <= set(result)  # fmt: skip
    assert result["weights"] == "pretrained" and "cpu" in document["environment"]
    code, _, _ = run(
        capsys, "benchmark", "--models", "lite0", "--runs", "2", "--csv", str(csv_file)
    )
    assert code == 0 and csv_file.read_text().startswith("model,device,precision,batch")
    with pytest.raises(SystemExit) as exited:
        main(["benchmark", "--batch", "0"])
    assert exited.value.code == 2


def test_absurd_thread_counts_and_unknown_devices_are_usage_errors(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["classify", "--threads", "100000", str(CHINA)])
    assert exited.value.code == 2
    assert "--threads: must be between 1 and" in capsys.readouterr().err
    code, _, err = run(capsys, "classify", "--device", "tpu", str(CHINA))
    assert code == 2 and err.strip().startswith("effnet: no device 'tpu' on this computer")


def test_benchmark_keeps_runs_where_the_compare_view_finds_them(capsys) -> None:
    from app import paths
    from app.core.benchmark.kept_runs import KeptRuns

    code, _, err = run(capsys, "benchmark", "--models", "lite0", "--runs", "1", "--warmup", "0",
                       "--engine", "onnx", "--keep")  # fmt: skip
    (kept,) = KeptRuns(paths.benchmark_runs_dir()).runs()  # the folder Compare lists
    assert code == 0 and f"kept as {kept.name}" in err
    assert kept.load().results[0].model == "lite0"
    code, out, _ = run(capsys, "benchmark", "--kept")
    assert code == 0 and out == f"{kept.name}\t{kept.path}\n"


def test_benchmark_times_every_cpu_engine_and_says_what_auto_is(capsys, tmp_path) -> None:
    from tests.support.engines import chosen_cpu_engine

    code, out, err = run(capsys, "benchmark", "--models", "b0", "--runs", "2", "--warmup", "1",
                         "--speed-only", "--engine", "onnx,openvino,auto", "--json")  # fmt: skip
    assert code == 0, err
    results = json.loads(out)["results"]
    assert [(r["engine"], r["status"]) for r in results] == [("onnx", "ok"), ("openvino", "ok")]
    assert all(r["median_ms"] > 0 and r["weights"] == "random" for r in results)
    from app import paths

    named = {"onnx": "ONNX Runtime", "openvino": "OpenVINO"}[chosen_cpu_engine(paths.cache_dir())]
    assert f"auto is {named} on this computer's CPU" in err
