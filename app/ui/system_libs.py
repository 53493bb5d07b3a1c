"""Which system libraries Qt's X11 platform plugin lacks, and the one command that adds them.

On a fresh Debian or Ubuntu desktop PySide6's wheels start, but Qt's ``xcb`` plugin needs
a handful of X11 libraries the system may not have; Qt then aborts naming only one of them
(and often the wrong one). ``python -m app.ui.system_libs`` (run by ``make run``) asks the
dynamic linker about every library the plugin needs and prints the ``apt-get install``
line for all the missing ones. It imports nothing from Qt.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Debian names a library's package after its soname: libxcb-icccm.so.4 is libxcb-icccm4,
# libxkbcommon-x11.so.0 is libxkbcommon-x11-0 (a dash when the name ends in a digit), in
# lower case. These do not follow the rule.
PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+) => not found\s*$")


def package_for(soname: str) -> str:
    """The Debian package that ships the library ``soname`` (e.g. ``libxcb-cursor.so.0``)."""
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    name, _, version = soname.partition(".so.")
    name = name.lower()
    separator = "-" if name[-1:].isdigit() else ""
    return f"{name}{separator}{version.split('.')[0]}" if version else name


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` reports as not found, in order, without repeats."""
    found = (_NOT_FOUND.match(line) for line in ldd_output.splitlines())
    return list(dict.fromkeys(match.group(1) for match in found if match))


def xcb_plugin_files() -> list[Path]:
    """Qt's xcb platform plugin and the library behind it, inside the installed PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return []
    qt = Path(spec.origin).parent / "Qt"
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*")]
    return [path for path in candidates if path.is_file()]


def install_command(files: list[Path]) -> str | None:
    """``sudo apt-get install …`` for what ``files`` lack; None when nothing is missing."""
    missing: dict[str, None] = {}
    for file in files:
        result = subprocess.run(["ldd", str(file)], capture_output=True, text=True, check=False)
        missing.update(dict.fromkeys(missing_libraries(result.stdout)))
    if not missing:
        return None
    packages = dict.fromkeys(package_for(soname) for soname in missing)
    return "sudo apt-get install -y " + " ".join(packages)


def main() -> int:
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return 0  # Windows and macOS wheels carry what Qt needs
    command = install_command(xcb_plugin_files())
    if command is None:
        return 0
    print(
        "The window needs system libraries that this computer lacks. Install them with:\n"
        f"    {command}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
