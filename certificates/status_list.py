"""Bitstring Status List (W3C): a GZIP-compressed bitstring, bit 0 the most significant bit of byte 0."""

import base64
import gzip

from .models import STATUS_LIST_SIZE  # noqa: F401 (re-exported)


def encode(indexes, size=STATUS_LIST_SIZE):
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0 keeps the output identical for identical lists.
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def is_set(encoded_list, index):
    if not isinstance(encoded_list, str) or not encoded_list.startswith("u"):
        raise ValueError("De statuslijst is niet multibase-base64url gecodeerd.")
    body = encoded_list[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    if not 0 <= index < len(bits) * 8:
        raise ValueError("De plaats in de statuslijst bestaat niet.")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
