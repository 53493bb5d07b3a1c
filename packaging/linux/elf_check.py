"""What the native libraries of a bundle ask of the system, read from their ELF headers.

    python packaging/linux/elf_check.py depends BUNDLE   # "libc6 (>= 2.35), libstdc++6 (>= 12)"
    python packaging/linux/elf_check.py search-paths BUNDLE  # fails on a build-machine path
    python packaging/linux/elf_check.py strip BUNDLE     # prints what cannot be stripped

``depends`` gives the Debian dependencies that keep apt from installing the bundle where
it cannot start: the package of each library a file needs that the bundle does not carry,
with the highest ``GLIBC_`` and ``GLIBCXX_`` symbol versions any file needs; a library
missing from ``SYSTEM_PACKAGES`` is an error, so a new one cannot slip in unnoticed.
``search-paths`` lists every RPATH/RUNPATH and fails unless each is relative to
``$ORIGIN``. ``strip`` strips each library and helper program where the result still
loads: GNU strip rewrites the layout of libraries that auditwheel patched (OpenBLAS in
numpy's wheel) into one the dynamic linker refuses ("ELF load command address/offset not
page-aligned"); those are left whole and printed. ELF headers are read in pure Python.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

SHT_DYNAMIC, SHT_GNU_VERNEED, PT_LOAD = 6, 0x6FFFFFFE, 1
DT_NULL, DT_NEEDED, DT_RPATH, DT_RUNPATH = 0, 1, 15, 29
GLIBC = "libc6"
# The Debian package of each library the bundle takes from the system (the same names from
# Debian 11 and Ubuntu 22.04 on).
SYSTEM_PACKAGES = {
    "libc.so.6": GLIBC, "libm.so.6": GLIBC, "libmvec.so.1": GLIBC, "libdl.so.2": GLIBC,
    "libpthread.so.0": GLIBC, "librt.so.1": GLIBC, "libutil.so.1": GLIBC,
    "ld-linux-x86-64.so.2": GLIBC, "ld-linux-aarch64.so.1": GLIBC,
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libxcb.so.1": "libxcb1",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libwayland-client.so.0": "libwayland-client0", "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}  # fmt: skip
# Libraries a bundled file links that come with a driver, not a package to depend on:
# NVIDIA's driver library, which PyTorch loads where an NVIDIA GPU is set up.
DRIVER_LIBRARIES = {"libcuda.so.1", "libnvidia-ml.so.1"}
# The first libstdc++6 (GCC) release in Debian that defines each GLIBCXX_ version.
GCC_OF_GLIBCXX = {
    (3, 4, 19): "4.8", (3, 4, 20): "4.9", (3, 4, 21): "5", (3, 4, 22): "6",
    (3, 4, 23): "7", (3, 4, 24): "7", (3, 4, 25): "8", (3, 4, 26): "9", (3, 4, 27): "9",
    (3, 4, 28): "10", (3, 4, 29): "11", (3, 4, 30): "12", (3, 4, 31): "13",
    (3, 4, 32): "13", (3, 4, 33): "14", (3, 4, 34): "15",
}  # fmt: skip


class NotElfError(ValueError):
    pass


class ElfFile:
    """The sections of one ELF file that name what it needs from the dynamic linker."""

    def __init__(self, path: Path) -> None:
        self.data = Path(path).read_bytes()
        if self.data[:4] != b"\x7fELF":
            raise NotElfError(path)
        self.wide = self.data[4] == 2  # ELFCLASS64
        self.order = "<" if self.data[5] == 1 else ">"
        if self.wide:
            shoff, shentsize, shnum = (
                self._unpack("Q", 0x28),
                self._unpack("H", 0x3A),
                self._unpack("H", 0x3C),
            )
        else:
            shoff, shentsize, shnum = (
                self._unpack("I", 0x20),
                self._unpack("H", 0x2E),
                self._unpack("H", 0x30),
            )
        self.sections = [self._section(shoff + index * shentsize) for index in range(shnum)]
        phoff, phentsize, phnum = (
            (self._unpack("Q", 0x20), self._unpack("H", 0x36), self._unpack("H", 0x38))
            if self.wide
            else (self._unpack("I", 0x1C), self._unpack("H", 0x2A), self._unpack("H", 0x2C))
        )
        self.segments = [self._segment(phoff + index * phentsize) for index in range(phnum)]

    def _unpack(self, kind: str, offset: int) -> int:
        return int(struct.unpack_from(self.order + kind, self.data, offset)[0])

    def _section(self, offset: int) -> tuple[int, int, int, int, int]:
        """(type, file offset, size, link, info) of the section header at ``offset``."""
        if self.wide:
            kind, _flags, _addr, start, size, link, info = struct.unpack_from(
                self.order + "IQQQQII", self.data, offset + 4
            )
        else:
            kind, _flags, _addr, start, size, link, info = struct.unpack_from(
                self.order + "IIIIIII", self.data, offset + 4
            )
        return kind, start, size, link, info

    def _segment(self, offset: int) -> tuple[int, int, int, int]:
        """(type, file offset, virtual address, alignment) of a program header."""
        if self.wide:
            kind, _flags, start, address, _phys, _size, _memsize, align = struct.unpack_from(
                self.order + "IIQQQQQQ", self.data, offset
            )
        else:
            kind, start, address, _phys, _size, _memsize, _flags, align = struct.unpack_from(
                self.order + "IIIIIIII", self.data, offset
            )
        return kind, start, address, align

    def loadable_layout(self) -> bool:
        """False when a loadable segment's file offset and address disagree modulo its
        alignment, which the dynamic linker refuses."""
        return all(
            (address - start) % align == 0
            for kind, start, address, align in self.segments
            if kind == PT_LOAD and align > 1
        )

    def _string(self, table: int, offset: int) -> str:
        start = self.sections[table][1] + offset
        return self.data[start : self.data.index(b"\0", start)].decode("utf-8", "replace")

    def version_needs(self) -> dict[str, set[str]]:
        """For each library, the symbol versions needed from it: {"libc.so.6": {"GLIBC_2.34"}}."""
        needs: dict[str, set[str]] = {}
        for kind, start, _size, link, count in self.sections:
            if kind != SHT_GNU_VERNEED:
                continue
            entry = start
            for _ in range(count):
                _version, aux_count, file_name, aux, following = struct.unpack_from(
                    self.order + "HHIII", self.data, entry
                )
                versions = needs.setdefault(self._string(link, file_name), set())
                aux_entry = entry + aux
                for _ in range(aux_count):
                    _hash, _flags, _other, name, aux_next = struct.unpack_from(
                        self.order + "IHHII", self.data, aux_entry
                    )
                    versions.add(self._string(link, name))
                    aux_entry += aux_next
                entry += following
        return needs

    def _dynamic(self, tags: tuple[int, ...]) -> list[str]:
        """The strings of the dynamic section's entries with these tags."""
        strings = []
        for kind, start, size, link, _info in self.sections:
            if kind != SHT_DYNAMIC:
                continue
            step, form = (16, "qQ") if self.wide else (8, "iI")
            for offset in range(start, start + size, step):
                tag, value = struct.unpack_from(self.order + form, self.data, offset)
                if tag == DT_NULL:
                    break
                if tag in tags:
                    strings.append(self._string(link, value))
        return strings

    def needed(self) -> list[str]:
        """The libraries the dynamic linker loads with this one (DT_NEEDED)."""
        return self._dynamic((DT_NEEDED,))

    def search_paths(self) -> list[str]:
        """The RPATH and RUNPATH entries."""
        return [
            part for entry in self._dynamic((DT_RPATH, DT_RUNPATH)) for part in entry.split(":")
        ]


def unreachable_libraries(binaries: dict[str, Path]) -> set[str]:
    """Of a bundle's ``{destination: source}`` native files, the top-level ``lib*``
    libraries no longer needed: those that PyInstaller collected only as dependencies of
    files since left out. Other files (extension modules, anything in a package's folder,
    which may be loaded by name) and libpython are where the search starts."""
    libraries: dict[str, list[str]] = {}
    for destination, source in binaries.items():
        try:
            libraries[destination] = ElfFile(source).needed()
        except (NotElfError, OSError):
            libraries[destination] = []
    names = {Path(destination).name: destination for destination in libraries}
    reached = {
        destination
        for destination in libraries
        if "/" in destination.replace("\\", "/")
        or not destination.startswith("lib")
        or destination.startswith("libpython")
    }
    pending = list(reached)
    while pending:
        for name in libraries[pending.pop()]:
            found = names.get(name)
            if found is not None and found not in reached:
                reached.add(found)
                pending.append(found)
    return set(libraries) - reached


def elf_files(folder: Path) -> Iterator[tuple[Path, ElfFile]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            try:
                yield path, ElfFile(path)
            except NotElfError:
                continue


def highest(versions: set[str], prefix: str) -> tuple[int, ...] | None:
    numbers = [
        tuple(int(part) for part in version[len(prefix) :].split("."))
        for version in versions
        if version.startswith(prefix) and version[len(prefix) :].replace(".", "").isdigit()
    ]
    return max(numbers, default=None)


def debian_depends(folder: Path) -> str:
    """``libc6 (>= 2.35), libegl1, …, libstdc++6 (>= 12)``: what the bundle needs of the
    system, with the symbol versions that set the oldest release it runs on."""
    files = list(elf_files(folder))
    carried = {path.name for path in folder.rglob("*")}
    versions: set[str] = set()
    packages: dict[str, str] = {}
    for path, elf in files:
        for needed in elf.version_needs().values():
            versions |= needed
        for library in elf.needed():
            if library in carried or library in DRIVER_LIBRARIES:
                continue
            if library not in SYSTEM_PACKAGES:
                raise SystemExit(
                    f"{path.relative_to(folder)} needs {library}, which the bundle does not "
                    "carry: bundle it or name its package in SYSTEM_PACKAGES"
                )
            packages[SYSTEM_PACKAGES[library]] = SYSTEM_PACKAGES[library]
    glibc = highest(versions, "GLIBC_")
    if glibc is not None:
        packages[GLIBC] = f"{GLIBC} (>= {'.'.join(map(str, glibc))})"
    glibcxx = highest(versions, "GLIBCXX_")
    if glibcxx is not None:
        gcc = GCC_OF_GLIBCXX.get(glibcxx)
        if gcc is None:
            raise SystemExit(f"no libstdc++6 known for GLIBCXX_{'.'.join(map(str, glibcxx))}")
        packages["libstdc++6"] = f"libstdc++6 (>= {gcc})"
    return ", ".join(packages[name] for name in sorted(packages))


def foreign_search_paths(folder: Path) -> list[str]:
    """``file: path`` for each RPATH/RUNPATH entry that is not relative to ``$ORIGIN``."""
    return [
        f"{path.relative_to(folder)}: {entry}"
        for path, elf in elf_files(folder)
        for entry in elf.search_paths()
        if entry and not entry.startswith(("$ORIGIN", "${ORIGIN}"))
    ]


def strip_safely(folder: Path) -> list[Path]:
    """Strip every ELF file below ``folder``'s top level (libraries, and helper programs such
    as torch's) whose stripped copy keeps a loadable layout; return those left as they were.
    The top-level executables are PyInstaller's, with its archive appended: never touched."""
    left = []
    for path, _elf in elf_files(folder):
        if path.parent == folder:
            continue
        with tempfile.TemporaryDirectory() as scratch:
            stripped = Path(scratch) / path.name
            shutil.copy2(path, stripped)
            subprocess.run(["strip", "--strip-unneeded", str(stripped)], check=True)
            if ElfFile(stripped).loadable_layout():
                shutil.copy2(stripped, path)
            else:
                left.append(path)
    return left


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("depends", "search-paths", "strip"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "depends":
        print(debian_depends(folder))
        return 0
    if argv[0] == "strip":
        for path in strip_safely(folder):
            print(path.relative_to(folder))
        return 0
    foreign = foreign_search_paths(folder)
    for line in foreign:
        print(line, file=sys.stderr)
    return 1 if foreign else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
