"""Labels as XMP keywords (``dc:subject``), where photo managers read them: a sidecar
``photo.jpg.xmp`` beside the photo, or the photo's own XMP packet (JPEG, PNG, TIFF).

Keywords already there are kept; the new ones are added to the same bag, and every other
property keeps its namespace and prefix (darktable's, Lightroom's …). A file that already
holds every keyword is not written at all; a packet that cannot be parsed is refused, never
replaced. Every file is written through a temporary file beside it and renamed over the
original, so a full disk or a crash leaves the old file whole; an embedded packet changes
nothing else in the file (the pixel data stay byte for byte). A photo with other names
(a symbolic or hard link) is refused: rewriting it would turn the link into a copy.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.etree import ElementTree

from app.core.errors import EffnetError, os_reason
from app.core.files import check_output, open_regular, write_replacing
from app.core.inference.predictions import TopClass
from app.i18n import translate

NAMESPACES = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "tiff": "http://ns.adobe.com/tiff/1.0/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "lr": "http://ns.adobe.com/lightroom/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "darktable": "http://darktable.sf.net/",
    "digiKam": "http://www.digikam.org/ns/1.0/",
}
for _prefix, _uri in NAMESPACES.items():
    ElementTree.register_namespace(_prefix, _uri)
# Prefixes the writer uses: these, those of ElementTree's own, and those met in packets.
_PREFIXES = {**NAMESPACES, "xml": "http://www.w3.org/XML/1998/namespace",
             "xs": "http://www.w3.org/2001/XMLSchema",
             "xsi": "http://www.w3.org/2001/XMLSchema-instance"}  # fmt: skip
RDF, DC = NAMESPACES["rdf"], NAMESPACES["dc"]
JPEG_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
PNG_XMP = b"XML:com.adobe.xmp"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_XMP_BYTES = 65_000  # one JPEG segment holds at most 65,533 bytes
MAX_SIDECAR_BYTES = 4 * 2**20
EMBEDDABLE = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
TIFF_XMP_TAG = 700  # XMLPacket, in the first image's directory
KEYWORD_CONFIDENCE = 0.2  # a label at least this probable becomes a keyword, by default


class XmpError(EffnetError):
    """Keywords could not be written to this photo or its sidecar."""


def keywords(top: Sequence[TopClass], min_confidence: float, prefix: str = "") -> list[str]:
    """The labels at or above ``min_confidence``, best first, each after ``prefix``."""
    return [f"{prefix}{t.label}" for t in top if t.probability >= min_confidence]


def sidecar_path(photo: Path) -> Path:
    return photo.with_name(photo.name + ".xmp")


def write_sidecar(photo: Path, words: Iterable[str]) -> Path:
    """Add ``words`` to ``photo.jpg.xmp`` (made if absent); returns its path. A photo that
    is no longer there gets none: a sidecar beside nothing would describe nothing."""
    if not photo.is_file():
        raise XmpError(translate("Errors", "{photo} is no longer there").format(photo=photo))
    sidecar = sidecar_path(photo)
    existing = None
    if sidecar.exists() or sidecar.is_symlink():
        try:
            check_output(sidecar)  # it is replaced: a regular file, not a link, FIFO or device
            with open_regular(sidecar) as stream:
                existing = stream.read(MAX_SIDECAR_BYTES + 1)
        except OSError as error:
            raise XmpError(
                translate("Errors", "cannot read {sidecar}: {strerror}").format(
                    sidecar=sidecar, strerror=os_reason(error)
                )
            ) from None
        if len(existing) > MAX_SIDECAR_BYTES:
            raise XmpError(
                translate("Errors", "{sidecar} is too large to be an XMP sidecar").format(
                    sidecar=sidecar
                )
            )
    packet = merged_packet(existing, words, sidecar)
    if packet is not None:
        _replace(sidecar, packet, like=sidecar if existing else None)
    return sidecar


def embed(photo: Path, words: Iterable[str]) -> bool:
    """Add ``words`` to the XMP packet inside a JPEG, PNG or TIFF photo; False when it held
    them all already (and was left untouched)."""
    suffix = photo.suffix.lower()
    if suffix not in EMBEDDABLE:
        raise XmpError(
            translate(
                "Errors", "{name}: keywords go inside JPEG, PNG and TIFF files; use a sidecar"
            ).format(name=photo.name)
        )
    try:
        if photo.is_symlink() or photo.stat().st_nlink > 1:
            raise XmpError(
                translate(
                    "Errors",
                    "{name} is a link (or has other names); keywords go beside it: use a sidecar",
                ).format(name=photo.name)
            )
        with open_regular(photo) as stream:
            data = stream.read()
    except OSError as error:
        raise XmpError(
            translate("Errors", "cannot read {photo}: {strerror}").format(
                photo=photo, strerror=os_reason(error)
            )
        ) from None
    if data.startswith(b"\xff\xd8"):
        updated = _jpeg_with(data, words, photo)
    elif data.startswith(PNG_SIGNATURE):
        updated = _png_with(data, words, photo)
    elif data[:4] in (b"II*\x00", b"MM\x00*"):
        updated = _tiff_with(data, words, photo)
    else:
        raise XmpError(
            translate("Errors", "{name} is not the JPEG, PNG or TIFF its name says").format(
                name=photo.name
            )
        )
    if updated is data:
        return False
    _replace(photo, updated, like=photo)
    return True


def merged_packet(existing: bytes | None, words: Iterable[str], source: Path) -> bytes | None:
    """An XMP packet holding ``existing``'s properties and ``words`` in ``dc:subject``; None
    when ``existing`` holds every word already. Raises :class:`XmpError` (naming ``source``)
    for a packet that cannot be parsed: what other programs wrote is never thrown away."""
    root = _parse(existing, source) if existing else None
    new_packet = root is None
    if root is None:
        root = ElementTree.Element(f"{{{NAMESPACES['x']}}}xmpmeta")
    rdf: ElementTree.Element | None = (
        root if root.tag == f"{{{RDF}}}RDF" else root.find(f"{{{RDF}}}RDF")
    )
    if rdf is None:
        rdf = ElementTree.SubElement(root, f"{{{RDF}}}RDF")
    bag = _subject_bag(rdf)
    present = {item.text for item in bag.findall(f"{{{RDF}}}li")}
    added = [word for word in dict.fromkeys(words) if word not in present]
    if not added and not new_packet:
        return None
    for word in added:
        ElementTree.SubElement(bag, f"{{{RDF}}}li").text = word
    body = ElementTree.tostring(root, encoding="unicode")
    return (
        f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n{body}\n<?xpacket end="w"?>'
    ).encode()


def _parse(data: bytes, source: Path) -> ElementTree.Element | None:
    """The packet's root element (None when ``data`` holds no packet), with the prefixes of
    its namespaces kept for writing it back."""
    start = data.find(b"<x:xmpmeta")
    if start < 0:
        start = data.find(b"<rdf:RDF")
    end_tag = b"</x:xmpmeta>" if data[start:].startswith(b"<x:xmpmeta") else b"</rdf:RDF>"
    end = data.find(end_tag, start)
    if start < 0 and not data.strip(b"\x00 \t\r\n"):
        return None
    try:
        if start < 0 or end < 0:
            raise ElementTree.ParseError("no XMP packet")
        packet = data[start : end + len(end_tag)]
        root = ElementTree.fromstring(packet)
        for _event, (prefix, uri) in ElementTree.iterparse(io.BytesIO(packet), ["start-ns"]):
            _keep_prefix(prefix, uri)
    except ElementTree.ParseError:
        raise XmpError(
            translate(
                "Errors", "{source} holds XMP that cannot be read; it was left as it is"
            ).format(source=source)
        ) from None
    return root


def _keep_prefix(prefix: str, uri: str) -> None:
    """Write ``uri`` with the prefix its file gave it (``crs:``, not ``ns2:``), unless the
    prefix or the namespace already has another."""
    if prefix and prefix not in _PREFIXES and uri not in _PREFIXES.values():
        with contextlib.suppress(ValueError):  # prefixes like "ns0" are ElementTree's own
            ElementTree.register_namespace(prefix, uri)
            _PREFIXES[prefix] = uri


def _subject_bag(rdf: ElementTree.Element) -> ElementTree.Element:
    for description in rdf.findall(f"{{{RDF}}}Description"):
        bag = description.find(f"{{{DC}}}subject/{{{RDF}}}Bag")
        if bag is not None:
            return bag
    first = rdf.find(f"{{{RDF}}}Description")
    if first is None:
        first = ElementTree.SubElement(rdf, f"{{{RDF}}}Description")
        first.set(f"{{{RDF}}}about", "")
    subject = ElementTree.SubElement(first, f"{{{DC}}}subject")
    return ElementTree.SubElement(subject, f"{{{RDF}}}Bag")


def _jpeg_with(data: bytes, words: Iterable[str], photo: Path) -> bytes:
    """The JPEG with its XMP segment (APP1) replaced, or inserted after the leading APPn
    segments; the image data are copied as they are."""
    position, insert_at, old = 2, 2, None
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if not 0xE0 <= marker <= 0xEF:  # past the application segments
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if marker == 0xE1 and data[position + 4 : position + 4 + len(JPEG_XMP)] == JPEG_XMP:
            old = (position, end)
        position = insert_at = end
    current = data[old[0] + 4 + len(JPEG_XMP) : old[1]] if old else None
    packet = merged_packet(current, words, photo)
    if packet is None:
        return data
    if len(packet) + len(JPEG_XMP) + 2 > MAX_XMP_BYTES:
        raise XmpError(
            translate("Errors", "{name}: its XMP would not fit in one JPEG segment").format(
                name=photo.name
            )
        )
    segment = b"\xff\xe1" + struct.pack(">H", len(packet) + len(JPEG_XMP) + 2) + JPEG_XMP + packet
    if old:
        return data[: old[0]] + segment + data[old[1] :]
    return data[:insert_at] + segment + data[insert_at:]


def _png_with(data: bytes, words: Iterable[str], photo: Path) -> bytes:
    """The PNG with its XMP iTXt chunk replaced, or inserted after IHDR; other chunks are
    copied as they are."""
    position, after_header, old = len(PNG_SIGNATURE), None, None
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise XmpError(translate("Errors", "{name} is a damaged PNG").format(name=photo.name))
        if kind == b"IHDR":
            after_header = end
        elif kind == b"iTXt" and data[position + 8 : position + 8 + len(PNG_XMP) + 1] == (
            PNG_XMP + b"\x00"
        ):
            old = (position, end)
        elif kind == b"IEND":
            break
        position = end
    if after_header is None:
        raise XmpError(translate("Errors", "{name} is a damaged PNG").format(name=photo.name))
    current = _png_packet(data[old[0] + 8 : old[1] - 4], photo) if old else None
    packet = merged_packet(current, words, photo)
    if packet is None:
        return data
    body = PNG_XMP + b"\x00\x00\x00\x00\x00" + packet
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"iTXt" + body) & 0xFFFFFFFF)
    if old:
        return data[: old[0]] + chunk + data[old[1] :]
    return data[:after_header] + chunk + data[after_header:]


def _png_packet(body: bytes, photo: Path) -> bytes:
    """The XMP text of an iTXt chunk's ``body``: keyword NUL, compression flag and method,
    language tag NUL, translated keyword NUL, then the text (zlib-compressed when flagged)."""
    flag = body[len(PNG_XMP) + 1 : len(PNG_XMP) + 2]
    rest = body[len(PNG_XMP) + 3 :].split(b"\x00", 2)
    text = rest[2] if len(rest) == 3 else b""
    if flag != b"\x01":
        return text
    inflater = zlib.decompressobj()
    try:
        packet = inflater.decompress(text, MAX_SIDECAR_BYTES)
    except zlib.error:
        packet = b""
    if not packet or inflater.unconsumed_tail:
        raise XmpError(
            translate(
                "Errors", "{source} holds XMP that cannot be read; it was left as it is"
            ).format(source=photo)
        )
    return packet


def _tiff_with(data: bytes, words: Iterable[str], photo: Path) -> bytes:
    """The TIFF with a new first directory, appended, that holds the XMP packet (tag 700)
    and every other entry of the old one as it was; only the header's pointer to it
    changes. The old directory stays in the file, unreferenced; all image data stay put."""
    order = "<" if data[:2] == b"II" else ">"
    (first,) = struct.unpack(order + "I", data[4:8])
    if first + 2 > len(data):
        raise XmpError(translate("Errors", "{name} is a damaged TIFF").format(name=photo.name))
    (count,) = struct.unpack(order + "H", data[first : first + 2])
    end = first + 2 + 12 * count
    if end + 4 > len(data):
        raise XmpError(translate("Errors", "{name} is a damaged TIFF").format(name=photo.name))
    entries = [data[first + 2 + 12 * i : first + 14 + 12 * i] for i in range(count)]
    (next_directory,) = struct.unpack(order + "I", data[end : end + 4])
    current = None
    kept = []
    for entry in entries:
        tag, _kind, length, value = struct.unpack(order + "HHII", entry)
        if tag == TIFF_XMP_TAG:
            current = data[value : value + length] if length > 4 else entry[8 : 8 + length]
        else:
            kept.append(entry)
    packet = merged_packet(current, words, photo)
    if packet is None:
        return data
    body = bytearray(data)
    if len(body) % 2:
        body += b"\x00"  # TIFF offsets are word-aligned
    packet_at = len(body)
    body += packet + (b"\x00" if len(packet) % 2 else b"")
    xmp_entry = struct.pack(order + "HHII", TIFF_XMP_TAG, 1, len(packet), packet_at)  # BYTE
    kept.append(xmp_entry)
    kept.sort(key=lambda entry: struct.unpack(order + "H", entry[:2])[0])
    directory_at = len(body)
    body += struct.pack(order + "H", len(kept)) + b"".join(kept)
    body += struct.pack(order + "I", next_directory)
    body[4:8] = struct.pack(order + "I", directory_at)
    return bytes(body)


def _replace(target: Path, data: bytes, like: Path | None) -> None:
    try:
        write_replacing(target, lambda stream: stream.write(data), like=like)
    except OSError as error:
        raise XmpError(
            translate("Errors", "cannot write {target}: {strerror}").format(
                target=target, strerror=os_reason(error)
            )
        ) from None
