"""Identifiers with a fixed shape: e-mail, URL, IBAN, BSN, phone, licence plate, postcode, date, address, age, IDs.

Each finder yields (start, end, kind). Numbers with a checksum (IBAN, BSN) are validated with python-stdnum, so a
random 9-digit order number is not called a BSN; it is still reported as an ID number.
"""

import re

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
WEEKDAYS = r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"
STREET_SUFFIXES = (
    r"straat|str\.|weg|laan|plein|gracht|kade|singel|dijk|pad|hof|steeg|dreef|park|markt|baan|ring|wal|haven"
    r"|veld|erf|hoek|boulevard|allee|dam|burg|plantsoen|promenade|kwartier|staete|poort|brink|oord|zijde|akker"
)

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w@])", re.IGNORECASE)
URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"']+"
    r"|\b[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|de|pl|ro|info|io|nu|app)\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
IBAN_CANDIDATE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}")
NINE_DIGITS = re.compile(r"(?<![\d.,-])(?:\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?![\d,]|\.\d)")
PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?\d(?:[\s-]?\d){8}"  # +31 6 2345 6789
    r"|(?:\+|00)(?!31)[1-9]\d{1,2}(?:[\s-]?\d){7,11}"  # +48 601 234 567
    r"|0\d(?:[\s-]?\d){8}"  # 06-12345678, 010-4567890, 06 98 76 54 32
    r")(?![\w-])"
)
PLATE = re.compile(r"\b(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})\b")
POSTCODE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b(?!-)")
DATE = re.compile(
    rf"\b(?:(?:{WEEKDAYS})\.?\s+)?\d{{1,2}}(?:e|ste|de)?\s+(?:{MONTHS})\.?(?:\s+(?:19|20)\d{{2}}|\s+'\d{{2}})?\b"
    rf"|\b(?:{MONTHS})\s+(?:19|20)\d{{2}}\b"
    r"|\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}\b"
    r"|\b(?:19|20)\d{2}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
ADDRESS = re.compile(
    rf"\b(?:(?:[A-Z][\w'’.-]*|van|de|der|den|het|'t|te|ter|ten|op)\s+){{0,3}}"
    rf"[A-Z][\w'’-]*?(?:{STREET_SUFFIXES})\s+\d{{1,5}}(?:\s?[a-zA-Z](?![\w]))?(?:[-/ ]?\d{{1,4}}(?!\d))?"
    r"|\b[Pp]ostbus\s+\d{1,6}\b"
)
AGE = re.compile(
    r"\b(\d{1,3})-jarige?\b"
    r"|\b(\d{1,3})\s+jaar\s+oud\b"
    r"|\b(?:is|was|wordt|werd|ben|bent|zijn|waren|van|leeftijd van)\s+(?P<jaar>(?P<n>\d{1,3})\s+jaar)\b(?!\s+(?:bij|in dienst|werkzaam|lang|geleden))"
    r"|\((?P<paren>\d{2})\)"
    r"|\b(?:is|was|van)\s+(?P<bare>\d{2})(?=\s*(?:[,.;:)]|en\b|die\b|dat\b|vertel|zei|meld|heeft|had|is\b|was\b|werd|wil|kwam|gaf))"
)
ID_NUMBER = re.compile(
    r"(?<![\w-])(?=[A-Z0-9/-]*\d{4})[A-Z0-9]+(?:[-/][A-Z0-9]+)+(?![\w-])"  # PN-448213, 2024-0387, ARB-2024-11873
    r"|(?<![\w.,-])(?=[A-Z]*\d)[A-Z]{1,4}\d{5,}(?![\w-])"  # AB123456
    r"|(?<![\w.,€-])\d{5,}(?![\w,]|\.\d|\s*(?:euro|EUR|%|procent|km|kilo|kg|uur)\b)"  # 5012345678
)


def _emails(text):
    for m in EMAIL.finditer(text):
        yield m.start(), m.end(), "email"


def _urls(text):
    for m in URL.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in ".,;:!?)]'\"":
            end -= 1
        if "@" in text[max(0, start - 1):end]:
            continue
        yield start, end, "url"


def _ibans(text):
    """The longest prefix of each IBAN-shaped run that passes the checksum."""
    for m in IBAN_CANDIDATE.finditer(text):
        candidate = m.group()
        for end in range(len(candidate), 14, -1):
            if candidate[end - 1] == " ":
                continue
            if stdnum_iban.is_valid(candidate[:end]) and (m.start() + end == len(text) or not text[m.start() + end].isalnum()):
                yield m.start(), m.start() + end, "iban"
                break


def _bsns(text):
    for m in NINE_DIGITS.finditer(text):
        if stdnum_bsn.is_valid(re.sub(r"\D", "", m.group())):
            yield m.start(), m.end(), "bsn"


def _phones(text):
    for m in PHONE.finditer(text):
        yield m.start(), m.end(), "phone"


def _plates(text):
    for m in PLATE.finditer(text):
        groups = m.group().split("-")
        letters = sum(g.isalpha() for g in groups)
        if len("".join(groups)) == 6 and 0 < letters < 3:
            yield m.start(), m.end(), "plate"


def _postcodes(text):
    for m in POSTCODE.finditer(text):
        yield m.start(), m.end(), "postcode"


def _dates(text):
    for m in DATE.finditer(text):
        parts = re.split(r"[-/.]", m.group())
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            day, month = (int(parts[2]), int(parts[1])) if len(parts[0]) == 4 else (int(parts[0]), int(parts[1]))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
        yield m.start(), m.end(), "date"


def _addresses(text):
    for m in ADDRESS.finditer(text):
        start = m.start()
        # Leading capitalised words belong to the street only when they are not a sentence's first word.
        words = m.group().split()
        while len(words) > 2 and words[0][:1].isupper() and (start == 0 or text[:start].rstrip()[-1:] in ".!?:"):
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        while words and words[0] in {"van", "de", "der", "den", "het", "'t", "te", "ter", "ten", "op"}:
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        yield start, m.end(), "address"


def _ages(text):
    for m in AGE.finditer(text):
        if m.group("jaar"):
            if 12 <= int(m.group("n")) <= 110:
                yield m.start("jaar"), m.end("jaar"), "age"
        elif m.group("paren"):
            if 14 <= int(m.group("paren")) <= 99:
                yield m.start("paren"), m.end("paren"), "age"
        elif m.group("bare"):
            if 14 <= int(m.group("bare")) <= 99:
                yield m.start("bare"), m.end("bare"), "age"
        else:
            yield m.start(), m.end(), "age"


def _id_numbers(text):
    for m in ID_NUMBER.finditer(text):
        yield m.start(), m.end(), "id"


# In order of trust: where two findings overlap, the earlier finder's wins.
FINDERS = (_emails, _urls, _ibans, _bsns, _plates, _phones, _postcodes, _dates, _addresses, _ages, _id_numbers)


def find_patterns(text):
    found = []
    for finder in FINDERS:
        for start, end, kind in finder(text):
            if end > start and not any(start < e and s < end for s, e, _ in found):
                found.append((start, end, kind))
    return found
