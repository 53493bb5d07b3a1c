"""``effnet explain``: the heatmap as JSON and as a PNG over the photo, with Lite0's real
weights on real photos."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from app.cli.explain_command import LabelError, _class_index
from app.core.models.catalog import builtin_specs
from tests.support.photos import CHINA, FLOWER


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_gives_the_top_class_and_a_heatmap_over_the_whole_photo(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "explain", str(FLOWER), "--model", "lite0", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert set(document) == {"image", "model", "label", "index", "probability", "heatmap"}
    assert (document["model"], document["label"]) == ("lite0", "daisy")
    code, out, _ = run(capsys, "classify", str(FLOWER), "--model", "lite0", "--json")
    top = json.loads(out)["results"][0]["top"][0]
    assert document["index"] == top["index"]
    assert abs(document["probability"] - top["probability"]) < 1e-6
    grid = document["heatmap"]
    values = np.array(grid["values"])
    assert values.shape == (grid["height"], grid["width"]) == (43, 64)  # 640×427, long side 64
    assert values.min() >= 0 and 0.9 <= values.max() <= 1
    # The flower is in the middle of the photo; the edges the crop cut off are zero.
    middle = values[10:33, 16:48].sum() / values.sum()
    assert middle >= 0.8
    assert not values[:, :4].any() and not values[:, -4:].any()


def test_a_label_or_an_index_chooses_the_class(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        capsys, "explain", str(CHINA), "--model", "lite0", "--label", "Monastery", "--json"
    )
    by_label = json.loads(out)
    assert code == 0 and by_label["label"] == "monastery"
    code, out, _ = run(
        capsys,
        "explain",
        str(CHINA),
        "--model",
        "lite0",
        "--index",
        str(by_label["index"]),
        "--json",
    )
    by_index = json.loads(out)
    assert by_index["heatmap"] == by_label["heatmap"] and by_index["label"] == "monastery"
    _, out, _ = run(capsys, "explain", str(CHINA), "--model", "lite0", "--json")
    assert json.loads(out)["heatmap"] != by_label["heatmap"]  # the top class is palace


def test_unknown_ambiguous_and_out_of_range_classes_are_usage_errors(capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "explain", str(CHINA), "--model", "lite0", "--label", "palac")
    assert code == 2 and "no class 'palac'; did you mean 'palace'?" in err
    code, _, err = run(capsys, "explain", str(CHINA), "--model", "lite0", "--index", "1000")
    assert code == 2 and "between 0 and 999" in err


def test_out_writes_the_photo_with_the_heatmap_over_it(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out_file = tmp_path / "heat.png"
    code, out, err = run(capsys, "explain", str(CHINA), "--model", "lite0", "--out", str(out_file))
    assert code == 0, err
    assert "palace" in out and str(out_file) in out
    written = Image.open(out_file)
    assert written.format == "PNG" and written.size == Image.open(CHINA).size
    difference = np.abs(np.asarray(written, np.int16) - np.asarray(Image.open(CHINA), np.int16))
    assert difference.mean() > 10  # coloured, not a copy
    assert not list(tmp_path.glob(".heat.png.*"))  # no staging file left


def test_bad_photos_and_unwritable_outputs_are_one_line_on_stderr(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a photo")
    code, out, err = run(capsys, "explain", str(broken), "--model", "lite0")
    assert code == 1 and out == "" and err.startswith("effnet: ") and "Traceback" not in err
    missing_folder = tmp_path / "nowhere" / "heat.png"
    with pytest.raises(SystemExit) as refused:  # before any work: a usage error
        main(["explain", str(CHINA), "--model", "lite0", "--out", str(missing_folder)])
    err = capsys.readouterr().err
    assert refused.value.code == 2 and f"{tmp_path / 'nowhere'} is not a folder" in err
    unwritable = Path("/proc/heat.png")  # a folder no one can write in, even root
    code, _, err = run(capsys, "explain", str(CHINA), "--model", "lite0", "--out", str(unwritable))
    assert code == 1 and f"cannot write {unwritable}" in err and "Traceback" not in err


def test_a_label_that_names_several_classes_asks_for_an_index() -> None:
    """Built-in labels are unique; a user catalog's labels file may repeat one."""
    spec = builtin_specs()[0]
    labels = list(spec.labels)
    labels[517] = labels[134]
    with pytest.raises(LabelError, match=r"several classes \(134, 517\); choose one with --index"):
        _class_index(replace(spec, labels=tuple(labels)), "crane bird", None)
    assert _class_index(spec, "CRANE BIRD", None) == 134
