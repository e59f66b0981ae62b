"""The case-anonymisation scanner: quality floors on the labelled sets and its rules one by one."""

from pathlib import Path

import pytest

from intervisie.scanner import scan
from intervisie.scanner.evaluation import evaluate, load, parse_labelled

DATA = Path(__file__).parent / "data"


def kinds(text, **kwargs):
    return [(f.kind, f.text) for f in scan(text, **kwargs)]


def test_labelled_sets_are_large_enough():
    assert len(load(DATA / "cases_dev.txt")) + len(load(DATA / "cases_holdout.txt")) >= 60


def test_parse_labelled_gives_offsets_into_plain_text():
    text, spans = parse_labelled("Melder {person|Piotr Kowalski} is {age|34 jaar}.")
    assert text == "Melder Piotr Kowalski is 34 jaar."
    assert [(text[s:e], k) for s, e, k in spans] == [("Piotr Kowalski", "person"), ("34 jaar", "age")]


def test_quality_floors_on_dev_set():
    result = evaluate(load(DATA / "cases_dev.txt"))
    assert result["overall"]["recall"] >= 0.97, result["misses"]
    assert result["overall"]["precision"] >= 0.95, result["false_alarms"]
    for kind in ("person", "org", "place", "address", "date", "phone", "email", "bsn", "iban", "plate"):
        assert result["per_kind"][kind]["recall"] >= 0.9, (kind, result["misses"])


def test_quality_floors_on_held_out_set():
    result = evaluate(load(DATA / "cases_holdout.txt"))
    assert result["overall"]["recall"] >= 0.9, result["misses"]
    assert result["overall"]["precision"] >= 0.9, result["false_alarms"]


def test_offsets_point_into_the_input():
    text = "Op 3 april belde Agnieszka Nowak vanaf 06-12345678 over haar chef, dhr. De Boer."
    for f in scan(text):
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("sentence", [
    "De teamleider en de HR-adviseur spraken met de bedrijfsarts en de directeur.",
    "Volgens de leidinggevende is de vertrouwenspersoon pas na drie weken ingeschakeld.",
    "Daarna heeft de melder contact opgenomen met de Arbodienst en de Inspectie SZW.",
    "Zij is een Poolse arbeidsmigrante en spreekt Nederlands noch Engels.",
    "Tijdens de Ramadan werd hij op WhatsApp en in Teams uitgelachen.",
    "Sinds de reorganisatie in 2021 werkt hij 32 uur per week voor 2500 euro bruto.",
    "Het gaat om collega A en collega B, die al twaalf jaar samenwerken.",
    "Wil je dat ik de OR inlicht, vroeg ik haar.",
])
def test_ordinary_words_are_not_flagged(sentence):
    assert scan(sentence) == []


def test_a_realistic_case_without_identifiers_gives_nothing():
    text = """Casus: grensoverschrijdend gedrag in de nachtploeg
Sinds januari werkt de melder i.v.m. de reorganisatie op een andere afdeling. Om 14.00 uur had zij een
Teams-overleg met HR en een OR-lid. Zij werkt 80% van haar contract. In Q3 is het verzuim gestegen tot 12 procent.
- Eerste gesprek: week 12
- Tweede gesprek: na de kerstvakantie
Volgens de Arbowet en de cao moet de werkgever een RI&E hebben. De melder zei: "Ik durf niet meer naar binnen."
Mijn advies: neem contact op met het Juridisch Loket of de Nationale ombudsman. Wat vindt de groep?
Zij heeft een Marokkaanse achtergrond en spreekt Arabisch en Tamazight.
Het gaat om drie collega's van de Inkoop en twee van Financiën. De Directeur-bestuurder wist ervan."""
    assert scan(text) == []


def test_names_with_tussenvoegsels_and_foreign_names():
    found = kinds("Getuigen waren Jeroen van der Linden, Noor van 't Hof, Mohamed El Idrissi, "
                  "Ionuț Popescu en Rosa Lopes da Silva.")
    assert found == [("person", "Jeroen van der Linden"), ("person", "Noor van 't Hof"),
                     ("person", "Mohamed El Idrissi"), ("person", "Ionuț Popescu"), ("person", "Rosa Lopes da Silva")]


def test_title_makes_a_surname_a_person_and_keeps_the_particle():
    assert kinds("De huisbaas, meneer van Dijk, dreigde.") == [("person", "van Dijk")]


def test_initials():
    assert kinds("J. de Vries sprak met collega A. Zij was boos.") == [("person", "J. de Vries")]


def test_same_person_gets_the_same_letter_and_is_found_at_a_sentence_start():
    findings = scan("Piotr Kowalski klaagde over Kees de Groot. Kowalski wil weg. De Groot ontkent.")
    assert [(f.text, f.suggestion) for f in findings] == [
        ("Piotr Kowalski", "collega A"), ("Kees de Groot", "collega B"), ("Kowalski", "collega A"),
        ("De Groot", "collega B"),
    ]


def test_organisations_and_places():
    assert kinds("Zij werkt bij Zorggroep De Linde in Apeldoorn en eerder bij Randstad in Den Haag.") == [
        ("org", "Zorggroep De Linde"), ("place", "Apeldoorn"), ("org", "Randstad"), ("place", "Den Haag")]
    assert kinds("Het advocatenkantoor Dekker & Partners schreef namens CleanPro Facilitair B.V.") == [
        ("org", "Dekker & Partners"), ("org", "CleanPro Facilitair B.V.")]


def test_bsn_needs_a_valid_checksum():
    assert kinds("BSN 123456782.") == [("bsn", "123456782")]
    # Fails the 11-check: still a number that identifies, but not called a BSN.
    assert kinds("BSN 123456789.") == [("id", "123456789")]


def test_iban_needs_a_valid_checksum_and_may_have_spaces():
    assert kinds("Rekening NL91 ABNA 0417 1643 00 van hem.") == [("iban", "NL91 ABNA 0417 1643 00")]
    assert kinds("Rekening BE71096123456769.") == [("iban", "BE71096123456769")]
    assert kinds("Konto PL61109010140000071219812874.") == [("iban", "PL61109010140000071219812874")]
    assert ("iban", "NL92ABNA0417164300") not in kinds("Rekening NL92ABNA0417164300.")


def test_phone_email_url_postcode_plate_dates_ages():
    found = kinds("Bel 06-12345678 of +31 20 123 4567, mail a.b@voorbeeld.nl, zie www.voorbeeld.nl/team. "
                  "Adres: Kerkstraat 14, 1234 AB. Auto 34-KLV-5. Op maandag 8 januari 2024 en 22-05-2024. "
                  "Zij is 52 jaar, een 45-jarige moeder.")
    assert found == [
        ("phone", "06-12345678"), ("phone", "+31 20 123 4567"), ("email", "a.b@voorbeeld.nl"),
        ("url", "www.voorbeeld.nl/team"), ("address", "Kerkstraat 14"), ("postcode", "1234 AB"),
        ("plate", "34-KLV-5"), ("date", "maandag 8 januari 2024"), ("date", "22-05-2024"), ("age", "52 jaar"),
        ("age", "45-jarige"),
    ]


def test_duration_is_not_an_age():
    assert scan("Hij werkt al 12 jaar bij de afdeling.") == []


def test_extra_terms_of_the_inbrenger():
    found = kinds("Het gebeurde op de vrachtwagen van de blauwe ploeg.", extra_terms=["blauwe ploeg", "x"])
    assert found == [("custom", "blauwe ploeg")]
    assert scan("Het gebeurde op de vrachtwagen van de blauwe ploeg.", extra_terms=["blauwe ploeg"])[0].suggestion == "[weggelaten]"
