"""Outputs go to a regular file, a new path or standard output, never through a link or into
a device or FIFO; CSV cells never start a formula; special files are refused, not waited on."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest

from app.cli import main
from app.core.benchmark.cases import CaseResult
from app.core.benchmark.environment import Environment
from app.core.benchmark.report import BenchmarkReport
from app.core.errors import WeightsError
from app.core.files import FileRefused, check_output, write_replacing
from app.core.folders.xmp import XmpError, write_sidecar
from app.core.inference.predictions import Prediction, StageTimings, TopClass
from app.core.inference.reports import write_csv
from app.core.weights.download import download
from tests.support.photos import CHINA


def _usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert exited.value.code == 2
    return capsys.readouterr().err


def test_device_nodes_are_refused_without_being_touched() -> None:
    with pytest.raises(FileRefused, match="is a device, not a file"):
        check_output(Path("/dev/null"))
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.timeout(20)
def test_a_fifo_at_an_output_path_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "heatmap.png"
    os.mkfifo(fifo)
    err = _usage_error(capsys, "explain", str(CHINA), "--model", "lite0", "--out", str(fifo))
    assert "a pipe (FIFO), not a file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_link_at_an_output_path_is_neither_replaced_nor_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "thesis.txt"
    real.write_text("four years of work")
    link = tmp_path / "answers.csv"
    link.symlink_to(real)
    err = _usage_error(capsys, "classify", str(CHINA), "--model", "lite0", "--csv", str(link))
    assert "is a link" in err
    assert link.is_symlink() and real.read_text() == "four years of work"
    # The window's writes go the same way.
    with pytest.raises(FileRefused, match="is a link"):
        write_replacing(link, lambda stream: stream.write(b"{}"))
    assert link.is_symlink() and real.read_text() == "four years of work"


def test_a_dash_writes_the_csv_to_standard_output(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["classify", str(CHINA), "--model", "lite0", "--csv", "-"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(out[out.index("path,model") :])))
    assert rows[0][:3] == ["path", "model", "label_1"] and rows[1][2] == "palace"
    assert not Path("-").exists()


def test_a_dash_writes_the_heatmap_png_to_standard_output(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["explain", str(CHINA), "--model", "lite0", "--out", "-"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"palace" in captured.err  # the words go beside the picture
    assert not Path("-").exists()


def _prediction(labels: list[str]) -> Prediction:
    top = tuple(TopClass(rank, rank, label, 0.5 / rank) for rank, label in enumerate(labels, 1))
    return Prediction("mine", "My labels", "cpu", "fp32", top, StageTimings())


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_would_start_a_formula_are_written_as_text(
    tmp_path: Path, start: str
) -> None:
    photo = Path(f'{start}HYPERLINK("http://example.org/?x="&A1).jpg')  # a relative name
    label = f"{start}cmd|' /C calc'!A0"  # a label a user taught
    out = tmp_path / "answers.csv"
    write_csv(out, {photo: _prediction([label, "cat"])}, 2)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[1][0] == "'" + str(photo) and rows[1][2] == "'" + label
    assert rows[1][4] == "cat" and rows[1][3] == "0.500000"  # the rest as it is


def test_benchmark_csv_cells_are_written_as_text_too() -> None:
    environment = Environment("cpu", 2, 2, "3.11", "Linux", "none", "none")
    row = CaseResult("=1+1", "cpu", "fp32", 1, "random", "ok", median_ms=-0.5)
    rows = list(csv.DictReader(io.StringIO(BenchmarkReport(environment, [row]).to_csv())))
    assert rows[0]["model"] == "'=1+1" and rows[0]["median_ms"] == "-0.5"


@pytest.mark.timeout(20)
def test_a_fifo_named_like_a_sidecar_is_refused_not_waited_on(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(CHINA.read_bytes())
    os.mkfifo(tmp_path / "photo.jpg.xmp")
    with pytest.raises(XmpError, match="a pipe"):
        write_sidecar(photo, ["palace"])
    assert stat.S_ISFIFO((tmp_path / "photo.jpg.xmp").lstat().st_mode)


@pytest.mark.timeout(20)
def test_a_file_address_naming_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "weights.pth"
    os.mkfifo(fifo)
    with pytest.raises(WeightsError, match="a pipe"):
        download(fifo.as_uri(), tmp_path / "weights.pth.part")
