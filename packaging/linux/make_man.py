"""Man pages for ``effnet`` and ``efficientnet-desktop``, written from the argparse
definitions, so every command and option the program accepts is documented.

    python packaging/linux/make_man.py OUTPUT_FOLDER   # writes effnet.1, efficientnet-desktop.1
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import APP_NAME, __version__  # noqa: E402
from app.cli import build_parser  # noqa: E402
from app.core.models.catalog import CATALOG_ENV_VAR, MIRROR_ENV_VAR  # noqa: E402
from app.paths import CACHE_ENV_VAR  # noqa: E402

ENVIRONMENT = {
    CACHE_ENV_VAR: "the folder for downloaded weights and optimised ONNX files",
    CATALOG_ENV_VAR: "a catalog file (JSON) that adds models, like --catalog",
    MIRROR_ENV_VAR: "a mirror: replaces the location (not the file name) of every "
    "built-in weights address",
}
FILES = {
    "~/.config/EfficientNet Desktop/": "settings of the window",
    "~/.local/state/EfficientNet Desktop/log/": "the log",
    "~/.local/share/EfficientNet Desktop/benchmarks/": "finished Compare runs",
    "~/.local/share/EfficientNet Desktop/results.sqlite3": "answers kept, so unchanged photos "
    "are not classified again (--no-cache ignores them)",
    "~/.cache/EfficientNet Desktop/thumbnails/": "thumbnails of the window's folder table",
    "~/.cache/EfficientNet Desktop/models/": "downloaded weights and their optimised ONNX "
    "files (model_cache/ beside the program in the portable tarball)",
}


def roff(text: str) -> str:
    """Text safe in a roff line: backslashes, hyphens and a leading dot or quote escaped."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text.startswith((".", "'")) else text


def _subcommands(
    parser: argparse.ArgumentParser,
) -> Iterator[tuple[str, str, argparse.ArgumentParser]]:
    """(name, help, parser) of each subcommand, depth first."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, child in action.choices.items():
                yield name, helps.get(name, ""), child
                for sub_name, sub_help, grandchild in _subcommands(child):
                    yield f"{name} {sub_name}", sub_help, grandchild


def _options(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        if not action.option_strings and not action.help:
            continue  # named in the usage line above
        if action.option_strings:
            metavar = ""
            if action.nargs != 0:
                metavar = " " + str(action.metavar or action.dest.upper())
            names = ", ".join(f"\\fB{roff(name)}\\fR" for name in action.option_strings)
            label = f"{names}\\fI{roff(metavar)}\\fR"
        else:
            label = f"\\fI{roff(str(action.metavar or action.dest))}\\fR"
        help_text = (action.help or "").replace("%(default)s", str(action.default))
        yield f".TP\n{label}\n{roff(help_text)}"


def _usage(parser: argparse.ArgumentParser, prog: str) -> str:
    usage = parser.format_usage().removeprefix("usage: ").strip()
    return roff(" ".join(usage.split()).replace(parser.prog, prog, 1))


def _header(name: str, summary: str) -> list[str]:
    date = datetime.date.fromisoformat(_release_date()).strftime("%B %Y")
    return [
        f'.TH {roff(name.upper())} 1 "{date}" "{APP_NAME} {__version__}" "User Commands"',
        ".SH NAME",
        f"{roff(name)} \\- {roff(summary)}",
    ]


def _release_date() -> str:
    """The date of this version in the AppStream file: the page does not change by build."""
    metainfo = (
        ROOT / "packaging" / "linux" / "io.github.efficientnet_desktop.metainfo.xml"
    ).read_text()
    marker = f'<release version="{__version__}" date="'
    start = metainfo.index(marker) + len(marker)
    return metainfo[start : metainfo.index('"', start)]


def _common_sections() -> list[str]:
    lines = [".SH ENVIRONMENT"]
    for variable, meaning in ENVIRONMENT.items():
        lines += [".TP", f"\\fB{roff(variable)}\\fR", roff(meaning)]
    lines.append(".SH FILES")
    for path, meaning in FILES.items():
        lines += [".TP", f"\\fI{roff(path)}\\fR", roff(meaning)]
    lines += [
        ".SH PRIVACY",
        "Nothing is sent anywhere; the only network traffic is downloading the weights "
        "you ask for.",
        ".SH EXIT STATUS",
        "0 on success, 1 when an operation failed, 2 for a usage or configuration error.",
    ]
    return lines


def effnet_page() -> str:
    parser = build_parser()
    lines = _header("effnet", "classify photos with EfficientNet on your CPU or GPU")
    lines += [".SH SYNOPSIS", "\\fBeffnet\\fR [\\fIPHOTO\\fR ...]", ".br", _usage(parser, "effnet")]
    lines += [
        ".SH DESCRIPTION",
        roff(parser.description or ""),
        "Without a command, or with photos, it opens the window.",
        ".SH OPTIONS",
        *_options(parser),
        ".SH COMMANDS",
    ]
    for name, help_text, child in _subcommands(build_parser()):
        lines += [f".SS {roff(name)}", roff(help_text), ".PP", _usage(child, f"effnet {name}")]
        lines += list(_options(child))
    lines += _common_sections()
    lines += [".SH SEE ALSO", "\\fBefficientnet\\-desktop\\fR(1)"]
    return "\n".join(lines) + "\n"


def desktop_page() -> str:
    lines = _header("efficientnet-desktop", "the EfficientNet Desktop window")
    lines += [
        ".SH SYNOPSIS",
        "\\fBefficientnet\\-desktop\\fR [\\fIPHOTO\\fR ...]",
        ".SH DESCRIPTION",
        "Opens the window, with the photos given if any: drop, paste or open a photo, pick a "
        "model and a device, and see its top\\-5 ImageNet labels with a confidence chart.",
        "It takes the same commands as \\fBeffnet\\fR(1), which is the same program with "
        "a console.",
    ]
    lines += _common_sections()
    lines += [".SH SEE ALSO", "\\fBeffnet\\fR(1)"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "effnet.1").write_text(effnet_page(), encoding="utf-8")
    (folder / "efficientnet-desktop.1").write_text(desktop_page(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
