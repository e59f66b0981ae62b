"""The word lists in `data/`, loaded once per process (a few thousand strings: well under 1 MB)."""

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _words(name, split_lines=True):
    items = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            items.extend(line.split() if split_lines else [line])
    return items


@cache
def first_names():
    return frozenset(word.casefold() for word in _words("first_names.txt"))


@cache
def places():
    return frozenset(line.casefold() for line in _words("places.txt", split_lines=False))


@cache
def organisations():
    return frozenset(line.casefold() for line in _words("organisations.txt", split_lines=False))


@cache
def not_names():
    return frozenset(_words("not_names.txt"))


@cache
def multiword_phrases():
    """Place and organisation names of several words, longest first, for matching before single words."""
    phrases = [(p, "place") for p in places() if " " in p] + [(o, "org") for o in organisations() if " " in o]
    return sorted(phrases, key=lambda item: -len(item[0]))
