"""Keywords keep what other programs wrote (read back with exiv2, as digiKam, darktable,
gThumb and Shotwell do), a photo is rewritten only when a keyword is new, the store follows
a rewritten photo, and links are never turned into copies."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from app.cli import main
from app.core.folders.xmp import XmpError, embed, write_sidecar
from tests.unit.folders.conftest import distinct_photos

DARKTABLE_SIDECAR = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
    xmlns:darktable="http://darktable.sf.net/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    crs:Exposure2012="+0.35"
    crs:WhiteBalance="As Shot"
    darktable:history_end="3">
   <dc:subject>
    <rdf:Bag>
     <rdf:li>holiday</rdf:li>
    </rdf:Bag>
   </dc:subject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _exiv2(path: Path) -> dict[str, str]:
    """What exiv2 reads from ``path``'s XMP: key → value."""
    assert shutil.which("exiv2"), "exiv2 (Debian: exiv2) is needed"
    result = subprocess.run(["exiv2", "-px", str(path)], capture_output=True, text=True)
    values = {}
    for line in result.stdout.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4:
            values[parts[0]] = parts[3]
    return values


def test_a_sidecar_keeps_darktables_and_lightrooms_fields_and_prefixes(tmp_path: Path) -> None:
    photo = distinct_photos(tmp_path, 1)[0]
    sidecar = photo.with_name(photo.name + ".xmp")
    sidecar.write_text(DARKTABLE_SIDECAR, encoding="utf-8")
    write_sidecar(photo, ["palace"])
    read = _exiv2(sidecar)
    assert read["Xmp.crs.Exposure2012"] == "+0.35" and read["Xmp.crs.WhiteBalance"] == "As Shot"
    assert read["Xmp.darktable.history_end"] == "3"
    assert read["Xmp.dc.subject"] == "holiday, palace"
    text = sidecar.read_text(encoding="utf-8")
    assert "crs:Exposure2012" in text and "ns0:" not in text and "ns1:" not in text


def test_a_sidecar_that_cannot_be_parsed_is_left_as_it_is(tmp_path: Path) -> None:
    photo = distinct_photos(tmp_path, 1)[0]
    sidecar = photo.with_name(photo.name + ".xmp")
    damaged = DARKTABLE_SIDECAR.replace("</rdf:Description>", "").encode()
    sidecar.write_bytes(damaged)
    with pytest.raises(XmpError, match="cannot be read; it was left as it is"):
        write_sidecar(photo, ["palace"])
    assert sidecar.read_bytes() == damaged


def test_a_photo_that_has_its_keywords_already_is_not_rewritten(tmp_path: Path) -> None:
    photo = distinct_photos(tmp_path, 1)[0]
    assert embed(photo, ["palace", "dome"]) is True
    before = photo.read_bytes(), photo.stat().st_mtime_ns, photo.stat().st_ino
    assert embed(photo, ["dome", "palace"]) is False
    assert (photo.read_bytes(), photo.stat().st_mtime_ns, photo.stat().st_ino) == before
    assert embed(photo, ["palace", "tower"]) is True


def test_embedding_keeps_the_stored_answer_so_the_next_run_classifies_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photos = distinct_photos(tmp_path / "photos", 2)
    argv = ["classify", str(tmp_path / "photos"), "--model", "lite0", "--xmp", "embed",
            "--min-confidence", "0"]  # fmt: skip
    assert main(argv) == 0
    assert "2 classified" in capsys.readouterr().err
    written = [p.read_bytes() for p in photos]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "2 answers stored from earlier runs, 0 classified" in err
    assert [p.read_bytes() for p in photos] == written  # nothing new: nothing rewritten


def _png_with_compressed_xmp(path: Path) -> None:
    packet = DARKTABLE_SIDECAR.replace(
        "<rdf:li>holiday</rdf:li>", "<rdf:li>holiday</rdf:li><rdf:li>grandma</rdf:li>"
    ).replace(
        'darktable:history_end="3"',
        'darktable:history_end="3" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="4" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Huế"',
    )
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", packet, zip=True)
    Image.new("RGB", (32, 24), (120, 80, 40)).save(path, pnginfo=info)


def test_a_pngs_compressed_xmp_is_kept(tmp_path: Path) -> None:
    photo = tmp_path / "scan.png"
    _png_with_compressed_xmp(photo)
    assert _exiv2(photo)["Xmp.dc.subject"] == "holiday, grandma"  # exiv2 reads it as it is
    embed(photo, ["palace"])
    read = _exiv2(photo)
    assert read["Xmp.dc.subject"] == "holiday, grandma, palace"
    assert read["Xmp.xmp.Rating"] == "4" and read["Xmp.photoshop.City"] == "Huế"
    assert read["Xmp.crs.Exposure2012"] == "+0.35"


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_a_linked_photo_is_refused_rather_than_turned_into_a_copy(
    tmp_path: Path, link: str
) -> None:
    photo = distinct_photos(tmp_path / "photos", 1)[0]
    other = tmp_path / "elsewhere.jpg"
    if link == "symbolic":
        other.symlink_to(photo)
    else:
        os.link(photo, other)
    before = photo.read_bytes()
    with pytest.raises(XmpError, match="is a link \\(or has other names\\)"):
        embed(other, ["palace"])
    assert photo.read_bytes() == before
    assert other.is_symlink() if link == "symbolic" else other.stat().st_ino == photo.stat().st_ino


def test_no_sidecar_is_written_for_a_photo_that_is_gone(tmp_path: Path) -> None:
    photo = distinct_photos(tmp_path, 1)[0]
    photo.unlink()
    with pytest.raises(XmpError, match="is no longer there"):
        write_sidecar(photo, ["palace"])
    assert not list(tmp_path.glob("*.xmp"))
