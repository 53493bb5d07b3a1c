"""The command line never fails silently: every failure is one line on stderr with a
non-zero exit, output paths are checked before any work, and a download that cannot be
made says which file to fetch, from where, and the command that installs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import build_parser, main
from tests.support.photos import CHINA


def test_an_output_in_a_missing_folder_is_refused_before_the_benchmark_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["benchmark", "--models", "lite0", "--csv", str(tmp_path / "missing" / "r.csv")])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'missing'} is not a folder" in err


def _failing_with(error: BaseException):  # type: ignore[no-untyped-def]
    def run(_args: object) -> int:
        raise error

    return run


def _command_failing_with(monkeypatch: pytest.MonkeyPatch, command: str, error: Exception) -> None:
    """``effnet COMMAND`` raising ``error``, as a fault of the app's own would."""

    def parser():  # type: ignore[no-untyped-def]
        built = build_parser()
        for action in built._subparsers._group_actions:  # type: ignore[union-attr]
            action.choices[command].set_defaults(run=_failing_with(error))  # type: ignore[index]
        return built

    monkeypatch.setattr("app.cli.build_parser", parser)


def test_an_unexpected_error_is_one_line_naming_the_log(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _command_failing_with(monkeypatch, "devices", RuntimeError("a bug"))
    assert main(["devices"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "RuntimeError: a bug" in err[0] and "effnet.log" in err[0]


def test_an_os_error_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    error = PermissionError(13, "Permission denied", "/media/card/photo.jpg")
    _command_failing_with(monkeypatch, "classify", error)
    assert main(["classify", str(CHINA)]) == 1
    assert capsys.readouterr().err.strip() == "effnet: /media/card/photo.jpg: permission denied"


@pytest.mark.parametrize(
    "argv",
    [["classify", str(CHINA), "--model", "b0"], ["weights", "download", "b0"]],
    ids=["classify", "weights download"],
)
def test_a_download_that_fails_names_the_file_its_address_and_the_import_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server, argv
) -> None:
    server.behaviour.status = 404
    monkeypatch.setenv("EFFNET_WEIGHTS_URL", server.url(""))
    assert main(argv) == 1
    err = capsys.readouterr().err
    file = "efficientnet_b0_rwightman-7f5810bc.pth"
    assert file in err and server.url(file) in err
    assert f"effnet weights import b0 {file}" in err
