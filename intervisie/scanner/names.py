"""Names of persons, organisations and places, found by capitalisation, gazetteers and context words.

Dutch writes common nouns, job titles, weekdays and months in lower case, so a capitalised word that does not
start a sentence is almost always a name. Runs of such words (with particles like "van der", "'t", "El", "&")
form a candidate; the word lists in `data/` and the words just before it decide whether it is a person, an
organisation or a place, and a run that is none of these is treated as a person (the costliest to miss).
A sentence's first word counts only when a list knows it (a first name, a place) or when more name words follow.
"""

import re
from dataclasses import dataclass

from . import gazetteers

TOKEN = re.compile(
    r"B\.V\.|N\.V\.|V\.O\.F\.|(?:[A-Z]\.){1,4}(?=\s)"  # legal forms, initials
    r"|'t(?!\w)|(?<=\s)&(?=\s)|[A-Z]{1,3}&[A-Z]{1,3}\b"  # "Dekker & Partners"; "RI&E" is one word
    r"|[^\W\d_][\w]*(?:['’-][\w]+)*"
)
INITIALS = re.compile(r"(?:[A-Z]\.){1,4}")
PARTICLES = {
    "van", "de", "der", "den", "ter", "ten", "'t", "het", "von", "el", "al", "ben", "bin", "ibn", "abu", "da", "das",
    "dos", "do", "du", "di", "del", "della", "le", "la", "op", "in",
}
# "op" and "in" join only inside a known phrase ("Bergen op Zoom"), handled as multi-word gazetteer entries.
JOINING_PARTICLES = PARTICLES - {"op", "in"}
LEGAL_FORMS = {"B.V.", "N.V.", "V.O.F.", "BV", "NV", "VOF", "Ltd", "GmbH", "Inc"}
TITLES = {
    "meneer", "mevrouw", "mw", "mevr", "dhr", "heer", "juffrouw", "dokter", "dr", "prof", "professor", "wethouder",
    "burgemeester", "collega", "medewerker", "medewerkster", "melder", "melders", "inbrenger", "zuster", "broeder",
    "pastor", "imam", "meester", "huisbaas", "buurman", "buurvrouw", "stagiair", "stagiaire", "teamgenoot",
}
ORG_WORDS = {
    "stichting", "gemeente", "zorggroep", "ziekenhuis", "hotel", "restaurant", "café", "garage", "bakkerij",
    "slagerij", "universiteit", "hogeschool", "lyceum", "college", "basisschool", "school", "kinderopvang",
    "transport", "installaties", "logistics", "logistiek", "partners", "groep", "group", "holding", "facilitair",
    "services", "voedselbank", "supermarkt", "zorgcentrum", "woonzorg", "thuiszorg", "kliniek", "apotheek",
    "advocaten", "makelaardij", "bouw", "bouwbedrijf", "schoonmaak", "uitzendbureau", "vereniging", "fonds",
    "museum", "theater", "camping", "hoveniers", "company", "international", "techniek", "solutions", "consult",
    "accountants", "notarissen", "bank", "verzekeringen", "zorg", "care", "metaal", "foods", "fresh",
}
ORG_SUFFIXES = (
    "zorg", "groep", "bouw", "transport", "logistiek", "techniek", "installaties", "diensten", "services", "bank",
    "makelaardij", "kliniek", "college", "lyceum", "school", "fabriek", "centrum",
)
ORG_CONTEXT = {
    "bij", "bedrijf", "firma", "camping", "uitzendbureau", "werkgever", "organisatie", "advocatenkantoor",
    "kantoor", "supermarkt", "fabriek", "restaurant", "hotel", "café", "school", "vereniging", "stichting",
    "instelling", "zorginstelling", "opdrachtgever", "leverancier", "klant", "concern", "bureau", "winkel",
    "uitzendbureaus", "bemiddelingsbureau", "keten", "filiaal",
}
PLACE_CONTEXT = {"in", "te", "uit", "naar", "nabij", "gemeente", "regio", "omgeving", "dorp", "stad", "wijk"}
STREET_SUFFIXES = ("straat", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk", "steeg", "dreef", "markt")
# First names that are also ordinary words at the start of a sentence ("Wil je...", "Ben je...").
AMBIGUOUS_FIRST_NAMES = {"wil", "ben", "roos", "rob", "bas", "lot", "jet", "hoop", "fleur", "storm", "mees", "mark",
                         "said", "will", "nur", "min", "lan", "jana", "ana", "dan", "do", "li"}
# Capitalised words that start sentences and never begin a name (for initials such as "J.").
FUNCTION_WORDS = {
    "De", "Het", "Een", "Zij", "Hij", "Ik", "Ze", "We", "Wij", "Er", "Dat", "Die", "Dit", "Deze", "Maar", "En",
    "Toen", "Daarna", "Ook", "Na", "In", "Op", "Bij", "Volgens", "Omdat", "Als", "Hun", "Haar", "Zijn", "Mijn",
    "Ons", "Onze", "Je", "Jij", "Men", "Wat", "Waar", "Wie", "Hoe", "Nu", "Later", "Sinds", "Tijdens", "Door",
    "Voor", "Met", "Over", "Uit", "Naar", "Tot", "Om", "Aan",
}


@dataclass
class Token:
    start: int
    end: int
    text: str
    sentence_start: bool

    @property
    def lower(self):
        return self.text.casefold()

    @property
    def is_particle(self):
        return self.lower in PARTICLES

    @property
    def is_initials(self):
        return bool(INITIALS.fullmatch(self.text)) and self.text not in LEGAL_FORMS

    @property
    def is_name_word(self):
        """A capitalised word that may be (part of) a name."""
        text = self.text
        if not text[:1].isupper() or self.is_particle or text in LEGAL_FORMS:
            return False
        if len(text) == 1 or self.is_initials or text in gazetteers.not_names() or self.lower.rstrip(".") in TITLES:
            return False
        if any(c.isdigit() for c in text) and self.lower not in gazetteers.organisations():
            return False  # "Q3", "COVID19": codes, not names ("G4S" is known)
        parts = re.split(r"[-'’]", text)
        if parts[0] in gazetteers.not_names() or any(p[:1].islower() and len(p) > 1 for p in parts[1:]):
            return False  # "HR-adviseur", "Excel-bestand"
        return True


def _is_sentence_start(text, index):
    """After the text's start, a full stop, question or exclamation mark, colon or line break; quotes, brackets
    and list bullets in between do not matter."""
    i = index - 1
    while i >= 0 and text[i] in " \t\"'‘“(-–•*":
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def tokenize(text, covered):
    tokens = []
    for m in TOKEN.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in covered):
            tokens.append(Token(m.start(), m.end(), m.group(), _is_sentence_start(text, m.start())))
    return tokens


def _joined(text, a, b):
    """True when token b follows token a with only spaces between (no punctuation, no line break)."""
    gap = text[a.end:b.start]
    return gap.strip(" \t") == "" and len(gap) <= 3


@dataclass
class Candidate:
    tokens: list
    before: list  # up to two lower-cased words before the candidate, nearest first

    @property
    def start(self):
        return self.tokens[0].start

    @property
    def end(self):
        return self.tokens[-1].end

    @property
    def words(self):
        return [t for t in self.tokens
                if not t.is_particle and not t.is_initials and t.text not in LEGAL_FORMS and t.text != "&"]


def candidates(text, tokens):
    """Runs of name words joined by particles, '&', initials and legal forms."""
    result = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        starts = token.is_name_word or (
            token.text[:1].isupper() and token.lower in JOINING_PARTICLES and i + 1 < len(tokens)
            and _joined(text, token, tokens[i + 1]) and tokens[i + 1].is_name_word
        ) or (
            token.is_initials and i + 1 < len(tokens)
            and _joined(text, token, tokens[i + 1])
            and (tokens[i + 1].lower in JOINING_PARTICLES or (tokens[i + 1].is_name_word and tokens[i + 1].text not in FUNCTION_WORDS))
        )
        if not starts:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _joined(text, tokens[j - 1], tokens[j]):
            nxt = tokens[j]
            if nxt.is_name_word or nxt.is_initials or nxt.text in LEGAL_FORMS or nxt.text == "&" or nxt.lower in JOINING_PARTICLES:
                j += 1
            else:
                break
        run = tokens[i:j]
        while run and (run[-1].is_particle or run[-1].text == "&"):
            run.pop()
        before = [t.lower for t in reversed(tokens[max(0, i - 2):i])]
        if run and any(t.is_name_word for t in run):
            # A lower-case particle right before the run belongs to it after a title: "meneer van Dijk".
            if i > 0 and tokens[i - 1].lower in JOINING_PARTICLES and _joined(text, tokens[i - 1], token) \
                    and not tokens[i - 1].text[:1].isupper() and i > 1 and tokens[i - 2].lower.rstrip(".") in TITLES:
                run.insert(0, tokens[i - 1])
                before = before[1:] + [""]
            result.append(Candidate(run, before))
        i = max(j, i + 1)
    return result


def _is_known_start(candidate):
    """May a run that starts a sentence be a name? Only if a list knows its first word or more name words follow."""
    first = candidate.tokens[0]
    if first.is_initials:
        return True
    if first.lower in gazetteers.places() or first.lower in gazetteers.organisations() or first.lower in ORG_WORDS:
        return True
    if first.lower in gazetteers.first_names():
        return first.lower not in AMBIGUOUS_FIRST_NAMES or len(candidate.words) > 1
    return first.is_particle and len(candidate.words) >= 1 and len(candidate.tokens) > 1


def trim_sentence_start(candidate):
    """Drop an ordinary word that starts a sentence ("Volgens Piotr" -> "Piotr"); None when nothing is left."""
    while candidate.tokens and candidate.tokens[0].sentence_start and not _is_known_start(candidate):
        dropped = candidate.tokens.pop(0)
        candidate.before = [dropped.lower, *candidate.before][:2]
        while candidate.tokens and candidate.tokens[0].is_particle and not candidate.tokens[0].text[:1].isupper():
            candidate.tokens.pop(0)
        if candidate.tokens:
            candidate.tokens[0] = Token(candidate.tokens[0].start, candidate.tokens[0].end, candidate.tokens[0].text, False)
    if not candidate.tokens or not candidate.words:
        return None
    return candidate


def _looks_like_org(candidate):
    words = candidate.words
    lowers = [w.lower for w in words]
    if any(t.text in LEGAL_FORMS or t.text == "&" for t in candidate.tokens):
        return True
    if " ".join(t.lower for t in candidate.tokens) in gazetteers.organisations():
        return True
    cue = [w in ORG_WORDS or any(w.endswith(s) and len(w) > len(s) + 2 for s in ORG_SUFFIXES) for w in lowers]
    if any(cue) and (not all(cue) or len(words) > 1):
        return True
    # CamelCase ("CleanPro") and acronyms ("AZC") are brand names, not persons.
    return any(re.search(r"[a-z][A-Z]", w.text) or (len(w.text) > 1 and w.text.isupper()) for w in words)


def classify(candidate):
    words = candidate.words
    phrase = " ".join(t.lower for t in candidate.tokens)
    prev = candidate.before[0].rstrip(".") if candidate.before else ""
    if _looks_like_org(candidate):
        return "org"
    if prev in TITLES:
        return "person"
    if prev in PLACE_CONTEXT and (phrase in gazetteers.places() or words[0].lower.split("-")[0] in gazetteers.places()):
        return "place"
    if words[0].lower in gazetteers.first_names() and not (len(words) == 1 and phrase in gazetteers.places()):
        return "person"
    if phrase in gazetteers.places() or (len(words) == 1 and words[0].lower.split("-")[0] in gazetteers.places()):
        return "place"
    if len(words) == 1 and prev in {"de", "het"} and any(words[0].lower.endswith(s) for s in STREET_SUFFIXES) \
            and len(words[0].text) > 7:
        return "address"
    if prev in ORG_CONTEXT:
        return "org"
    if prev in PLACE_CONTEXT:
        return "place"
    return "person"


def find_multiword(text, covered):
    """Known place and organisation names of several words ("Den Haag", "Albert Heijn")."""
    found = []
    for phrase, kind in gazetteers.multiword_phrases():
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(part) for part in phrase.split()) + r"(?![\w-])"
        for m in re.finditer(pattern, text, re.IGNORECASE):
            spans = covered + [(s, e) for s, e, _ in found]
            if m.group()[:1].isupper() and not any(s < m.end() and m.start() < e for s, e in spans):
                found.append((m.start(), m.end(), kind))
    return found


def find_names(text, covered):
    """(start, end, kind) for persons, organisations, places and street names outside the covered spans."""
    found = find_multiword(text, covered)
    covered = covered + [(s, e) for s, e, _ in found]
    for candidate in candidates(text, tokenize(text, covered)):
        candidate = trim_sentence_start(candidate)
        if candidate is not None:
            found.append((candidate.start, candidate.end, classify(candidate)))
    return found
