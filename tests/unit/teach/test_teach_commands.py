"""``effnet train`` and ``effnet evaluate`` on real handwritten digits, and a taught label
set used wherever a model is: classify, explain, sort, kept by name."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.inference.classifier import Classifier
from tests.support.digits import digit_piles


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def taught(tmp_path: Path, capsys) -> Path:
    """A label set taught on 8 scans each of 0, 1 and 7."""
    digit_piles(tmp_path / "teach", (0, 1, 7), 8)
    out = tmp_path / "digits.effnet"
    code, _, err = run(capsys, "train", str(tmp_path / "teach"), "--model", "lite0",
                       "--out", str(out))  # fmt: skip
    assert code == 0, err
    return out


def test_train_prints_each_labels_accuracy_and_writes_the_file(tmp_path: Path, capsys) -> None:
    digit_piles(tmp_path / "teach", (0, 1, 7), 8)
    out = tmp_path / "digits.effnet"
    code, printed, _ = run(capsys, "train", str(tmp_path / "teach"), "--model", "lite0",
                           "--out", str(out), "--augment")  # fmt: skip
    assert code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["labels"] == ["one", "seven", "zero"]  # the sub-folders, in name order
    assert document["model"]["id"] == "lite0" and document["training"]["augment"] is True
    assert document["training"]["photos"] == [8, 8, 8]
    lines = printed.splitlines()
    assert lines[0].split() == ["label", "photos", "recognised", "answers", "right"]
    assert [line.split()[0] for line in lines[2:5]] == ["one", "seven", "zero"]
    accuracy = document["training"]["accuracy"]
    assert f"Right {accuracy:.0%} of the time on photos it had not learned from" in printed
    assert accuracy > 0.6  # three digits, eight scans each


def test_evaluate_gives_accuracy_per_label_figures_confusions_and_mistakes(
    taught: Path, tmp_path: Path, capsys
) -> None:
    digit_piles(tmp_path / "check", (0, 1, 7), 6, skip=8)  # scans it never saw
    csv_file = tmp_path / "answers.csv"
    code, out, _ = run(capsys, "evaluate", str(tmp_path / "check"), "--model", str(taught),
                       "--json", "--csv", str(csv_file))  # fmt: skip
    assert code == 0
    result = json.loads(out)
    confusion = np.array(result["confusion"])
    assert result["labels"] == ["one", "seven", "zero"] and confusion.sum() == 18
    assert result["accuracy"] == pytest.approx(np.trace(confusion) / 18)
    assert len(result["mistakes"]) == 18 - np.trace(confusion)
    for index in range(3):
        answered = confusion[:, index].sum()
        expected = confusion[index, index] / answered if answered else None
        assert result["precision"][index] == pytest.approx(expected)
        assert result["recall"][index] == pytest.approx(confusion[index, index] / 6)
    rows = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "path,label,answer,probability" and len(rows) == 19
    code, out, _ = run(capsys, "evaluate", str(tmp_path / "check"), "--model", str(taught))
    assert "Accuracy:" in out and "label ↓ answer →" in out


def test_a_label_set_works_wherever_a_model_does(taught: Path, tmp_path: Path, capsys) -> None:
    photos = digit_piles(tmp_path / "new", (0, 7), 2, skip=20)
    one = photos["zero"][0]
    code, out, _ = run(capsys, "classify", str(one), "--model", str(taught), "--json")
    result = json.loads(out)["results"][0]
    assert code == 0 and result["model"] == "digits.effnet"
    assert {top["label"] for top in result["top"]} == {"zero", "one", "seven"}
    code, _, _ = run(capsys, "explain", str(one), "--model", str(taught),
                     "--out", str(tmp_path / "where.png"))  # fmt: skip
    assert code == 0 and (tmp_path / "where.png").stat().st_size > 1000
    # A spreadsheet and keywords for photo managers speak the learned labels.
    code, _, _ = run(capsys, "classify", str(tmp_path / "new"), "--recursive", "--model",
                     str(taught), "--csv", str(tmp_path / "a.csv"), "--xmp", "sidecar",
                     "--min-confidence", "0")  # fmt: skip
    rows = (tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines()
    assert code == 0 and len(rows) == 5 and rows[1].split(",")[1] == "digits.effnet"
    assert {row.split(",")[2] for row in rows[1:]} <= {"zero", "one", "seven"}
    sidecar = one.with_name(one.name + ".xmp").read_text(encoding="utf-8")
    assert "<rdf:li>" in sidecar and any(f">{label}<" in sidecar for label in ("zero", "seven"))
    # Kept by name, it is found from anywhere; sorted, the photos go to label folders.
    code, out, _ = run(capsys, "models", "add", str(taught))
    assert code == 0 and "digits.effnet: kept" in out
    code, _, err = run(capsys, "sort", str(tmp_path / "new"), "--recursive", "--model",
                       "digits.effnet", "--into", str(tmp_path / "sorted"), "--copy")  # fmt: skip
    assert code == 0, err
    sorted_into = {path.parent.name for path in (tmp_path / "sorted").rglob("*.png")}
    assert sorted_into <= {"zero", "one", "seven"} and len(sorted_into) >= 1
    assert len(list((tmp_path / "sorted").rglob("*.png"))) == 4


def test_few_photos_are_said_and_too_few_refused(tmp_path: Path, capsys) -> None:
    digit_piles(tmp_path / "teach", (3, 4), 6)
    few = digit_piles(tmp_path / "teach", (5,), 3)["five"]
    code, _, err = run(capsys, "train", str(tmp_path / "teach"), "--out",
                       str(tmp_path / "a.effnet"))  # fmt: skip
    assert code == 0 and "“five” has only 3 photos; give it at least 5" in err
    for extra in few[1:]:
        extra.write_bytes(b"not a photo")  # two of the three cannot be read
    code, _, err = run(capsys, "train", str(tmp_path / "teach"), "--out",
                       str(tmp_path / "b.effnet"))  # fmt: skip
    assert code == 1 and "each label needs at least 2 photos; five" in err
    assert not (tmp_path / "b.effnet").exists()


def test_a_folder_that_is_not_piles_is_refused_in_one_line(tmp_path: Path, capsys) -> None:
    digit_piles(tmp_path / "one label", (3,), 4)
    code, _, err = run(capsys, "train", str(tmp_path / "one label"), "--out",
                       str(tmp_path / "x.effnet"))  # fmt: skip
    assert code == 1 and "needs a sub-folder of photos for each label" in err
    (tmp_path / "one label" / "tab\there").mkdir()
    code, _, err = run(capsys, "train", str(tmp_path / "one label"), "--out",
                       str(tmp_path / "x.effnet"))  # fmt: skip
    assert code == 1 and "cannot name a folder" in err and len(err.strip().splitlines()) == 1


def test_teaching_again_reads_only_the_new_photos(tmp_path: Path, capsys, monkeypatch) -> None:
    digit_piles(tmp_path / "teach", (0, 1), 6)
    read: list[Path] = []
    real = Classifier.features_many

    def counting(self: Classifier, images, *args, **kwargs):  # type: ignore[no-untyped-def]
        images = list(images)
        read.extend(images)
        return real(self, images, *args, **kwargs)

    monkeypatch.setattr(Classifier, "features_many", counting)
    out = str(tmp_path / "d.effnet")
    assert run(capsys, "train", str(tmp_path / "teach"), "--out", out)[0] == 0
    assert len(read) == 12
    read.clear()
    added = digit_piles(tmp_path / "teach", (0,), 3, skip=6)["zero"]
    assert run(capsys, "train", str(tmp_path / "teach"), "--out", out)[0] == 0
    assert sorted(read) == sorted(added)


def test_label_sets_are_listed_and_timed_but_have_no_weights_of_their_own(
    taught: Path, capsys
) -> None:
    assert run(capsys, "models", "add", str(taught))[0] == 0
    code, out, _ = run(capsys, "models", "--json")
    ids = [model["id"] for model in json.loads(out)["models"]]
    assert code == 0 and "digits.effnet" in ids
    code, out, _ = run(capsys, "weights", "list", "--json")
    assert code == 0 and "digits.effnet" not in [w["id"] for w in json.loads(out)["weights"]]
    code, out, _ = run(capsys, "benchmark", "--models", "digits.effnet,lite0", "--runs", "1",
                       "--engine", "onnx", "--json")  # fmt: skip
    timed = {result["model"]: result for result in json.loads(out)["results"]}
    assert code == 0 and timed["digits.effnet"]["status"] == "ok"  # timed as its model runs
    assert timed["digits.effnet"]["params"] == timed["lite0"]["params"]
    code, out, _ = run(capsys, "models", "remove", "digits.effnet")
    assert code == 0 and "digits.effnet" not in [
        model["id"] for model in json.loads(run(capsys, "models", "--json")[1])["models"]
    ]


def test_teaching_on_real_photographs_of_every_kind(tmp_path: Path, capsys) -> None:
    """scikit-image's photographs (grey and colour PNGs, a JPEG, sizes from 512 to 800
    pixels) and the test suite's own: textures against scenes."""
    from tests.support.photos import CHINA, FLOWER, SKIMAGE_DIR

    piles = {
        "texture": ["brick.png", "grass.png", "gravel.png"],
        "scene": ["coffee.png", "chelsea.png", "rocket.jpg", "astronaut.png"],
    }
    for label, names in piles.items():
        (tmp_path / "teach" / label).mkdir(parents=True)
        for name in names:
            (tmp_path / "teach" / label / name).write_bytes((SKIMAGE_DIR / name).read_bytes())
    for photo in (CHINA, FLOWER):
        (tmp_path / "teach" / "scene" / photo.name).write_bytes(photo.read_bytes())
    out = tmp_path / "kinds.effnet"
    code, printed, err = run(capsys, "train", str(tmp_path / "teach"), "--out", str(out),
                             "--augment")  # fmt: skip
    assert code == 0 and "“texture” has only 3 photos" in err
    assert json.loads(out.read_text(encoding="utf-8"))["training"]["photos"] == [6, 3]
    # What it learned from, it answers: a head that learned nothing would not.
    code, printed, _ = run(capsys, "classify", str(tmp_path / "teach"), "--recursive",
                           "--model", str(out), "--json", "--no-cache")  # fmt: skip
    for result in json.loads(printed)["results"]:
        assert result["top"][0]["label"] == Path(result["image"]).parent.name, result["image"]


def test_a_linked_label_folder_is_not_followed(tmp_path: Path, capsys) -> None:
    """A link among the piles could lead anywhere on the disk: it is left out."""
    from app.core.teach.training import piles_in

    digit_piles(tmp_path / "teach", (0, 1), 3)
    elsewhere = digit_piles(tmp_path / "elsewhere", (7,), 3)["seven"][0].parent
    (tmp_path / "teach" / "seven").symlink_to(elsewhere, target_is_directory=True)
    assert piles_in(tmp_path / "teach").labels == ("one", "zero")
