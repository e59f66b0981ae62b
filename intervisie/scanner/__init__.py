"""The case-anonymisation scanner: finds identifying details in a Dutch case text and suggests neutral words.

`scan(text, extra_terms=())` returns findings with character offsets into `text`. It is pure Python with small
word lists (no model, no network, a few MB at most), so it may be imported by any ASGI worker.
It never logs or stores the text it scans.

Approach, and why not `deduce`: deduce (medical de-identification) needs ~80 s for its first start and ~1 GB per
process, has no organisation detector, tags company names as persons and is GPL/LGPL-unclear. Workplace cases
are better served by (1) patterns for identifiers with a fixed shape, checksum-validated with python-stdnum
for BSN and IBAN, and (2) names found by Dutch capitalisation (common nouns and job titles are lower case), with
gazetteers of first names (Dutch and of the main migrant-worker origins), places and employers, and context
words ("meneer", "bij", "in") to tell persons, organisations and places apart. See `names.py`.
"""

import re
from dataclasses import asdict, dataclass

from .names import find_names
from .patterns import find_patterns

KINDS = {
    # kind: (Dutch label, suggested replacement)
    "person": ("persoon", "collega {letter}"),
    "org": ("organisatie", "[organisatie]"),
    "place": ("plaats", "[plaats]"),
    "address": ("adres", "[adres]"),
    "postcode": ("postcode", "[postcode]"),
    "date": ("datum", "[datum]"),
    "age": ("leeftijd", "[leeftijd]"),
    "phone": ("telefoonnummer", "[telefoonnummer]"),
    "email": ("e-mailadres", "[e-mailadres]"),
    "url": ("webadres", "[webadres]"),
    "bsn": ("BSN", "[BSN]"),
    "iban": ("rekeningnummer", "[rekeningnummer]"),
    "plate": ("kenteken", "[kenteken]"),
    "id": ("nummer", "[nummer]"),
    "custom": ("eigen term", "[weggelaten]"),
}
MAX_EXTRA_TERMS = 50


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str
    text: str
    suggestion: str

    def as_dict(self):
        return asdict(self)


def _letters():
    for n in range(26 * 27):
        first, second = divmod(n, 26)
        yield (chr(65 + first - 1) if first else "") + chr(65 + second)


def _extra_term_spans(text, extra_terms):
    spans = []
    for term in list(extra_terms)[:MAX_EXTRA_TERMS]:
        term = term.strip()
        if len(term) >= 2:
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)"
            spans += [(m.start(), m.end(), "custom") for m in re.finditer(pattern, text, re.IGNORECASE)]
    return spans


def _add_repeats(text, spans):
    """A name found once is found everywhere: "Kowalski" at a sentence's start after "Piotr Kowalski"."""
    added = []
    taken = list(spans)
    for start, end, kind in spans:
        if kind not in {"person", "org", "place"}:
            continue
        words = [text[start:end]]
        if kind == "person":
            words += [w for w in re.split(r"\s+", text[start:end]) if len(w) > 2 and w[0].isupper()]
        for word in words:
            for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
                if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                    taken.append((m.start(), m.end(), kind))
                    added.append((m.start(), m.end(), kind))
    return spans + added


def _person_suggestions(text, spans):
    """One letter per person: the same surname or first name gets the same letter throughout the text."""
    letters = _letters()
    by_word = {}
    result = {}
    for start, end, kind in sorted(spans):
        if kind != "person":
            continue
        words = [w.casefold() for w in text[start:end].split() if w[:1].isupper() and len(w) > 1]
        known = next((by_word[w] for w in reversed(words) if w in by_word), None)
        letter = known or next(letters)
        for word in words:
            by_word.setdefault(word, letter)
        result[(start, end)] = f"collega {letter}"
    return result


def scan(text, extra_terms=()):
    """Findings in `text`, sorted by position. `extra_terms`: the inbrenger's own words to scrub."""
    spans = _extra_term_spans(text, extra_terms)
    for start, end, kind in find_patterns(text):
        if not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, kind))
    spans += find_names(text, [(s, e) for s, e, _ in spans])
    spans = _add_repeats(text, spans)
    persons = _person_suggestions(text, spans)
    return [
        Finding(start, end, kind, text[start:end], persons.get((start, end)) or KINDS[kind][1])
        for start, end, kind in sorted(spans)
    ]
