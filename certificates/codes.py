"""Human verification codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V).

29 ** 12 is about 3.5e17 codes: with a rate limit of a few dozen tries per hour, guessing one is hopeless.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 12


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text):
    """The code as stored, from what someone typed (spaces, dashes, lower case and look-alikes forgiven)."""
    if not isinstance(text, str):
        return None
    cleaned = text.upper().translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    cleaned = "".join(char for char in cleaned if char not in " -._\t")
    if len(cleaned) != LENGTH or any(char not in ALPHABET for char in cleaned):
        return None
    return cleaned
