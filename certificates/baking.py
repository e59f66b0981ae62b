"""Bake an Open Badge credential into a PNG (one uncompressed iTXt chunk `openbadgecredential`) and read it back."""

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"openbadgecredential"


def _chunks(png):
    if not png.startswith(SIGNATURE):
        raise ValueError("Dit is geen PNG-bestand.")
    position = len(SIGNATURE)
    while position + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        data = png[position + 8 : position + 8 + length]
        if len(data) != length:
            raise ValueError("Het PNG-bestand is afgebroken.")
        yield kind, data, png[position : position + 12 + length]
        position += 12 + length


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bake(png, credential_json):
    """Return the PNG with the credential as its only `openbadgecredential` chunk, placed right after IHDR."""
    itxt = _chunk(b"iTXt", KEYWORD + b"\0" + b"\0\0" + b"\0" + b"\0" + credential_json.encode("utf-8"))
    out = [SIGNATURE]
    for kind, data, raw in _chunks(png):
        if kind == b"iTXt" and data.startswith(KEYWORD + b"\0"):
            continue
        out.append(raw)
        if kind == b"IHDR":
            out.append(itxt)
    return b"".join(out)


def unbake(png):
    found = [data for kind, data, _raw in _chunks(png) if kind == b"iTXt" and data.startswith(KEYWORD + b"\0")]
    if len(found) != 1:
        raise ValueError("Deze afbeelding bevat geen (of meer dan één) Open Badge-credential.")
    data = found[0][len(KEYWORD) + 1 :]
    compressed, _method = data[0], data[1]
    if compressed:
        raise ValueError("Een gecomprimeerd credential in een PNG wordt niet ondersteund.")
    language_end = data.index(b"\0", 2)
    translated_end = data.index(b"\0", language_end + 1)
    return data[translated_end + 1 :].decode("utf-8")
