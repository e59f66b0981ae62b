"""base58btc multibase and Ed25519 Multikey encoding (the `z...` strings of Data Integrity proofs and keys)."""

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_PUB_PREFIX = b"\xed\x01"


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = ALPHABET[rest] + out
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + out


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = ALPHABET.find(char)
        if index < 0:
            raise ValueError("geen geldig base58-teken")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + body


def encode(data: bytes) -> str:
    return "z" + b58encode(data)


def decode(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise ValueError("alleen base58btc-multibase (z...) wordt ondersteund")
    return b58decode(value[1:])


def public_key_multibase(raw_public_key: bytes) -> str:
    return encode(ED25519_PUB_PREFIX + raw_public_key)


def raw_public_key(multibase_value: str) -> bytes:
    data = decode(multibase_value)
    if not data.startswith(ED25519_PUB_PREFIX) or len(data) != 34:
        raise ValueError("geen Ed25519-Multikey")
    return data[2:]
