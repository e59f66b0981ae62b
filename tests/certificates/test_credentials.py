"""Open Badges 3.0 credentials: built from the record, signed, verified, tamper-evident, revocable."""

import copy
import io
import json
from datetime import timedelta

import pytest
import segno
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates import baking, credentials, issuing, jsonld, keys, status_list, verification


def test_credential_has_the_open_badges_shape(certificate):
    cred = certificate.credential
    assert cred["@context"] == [jsonld.CREDENTIALS_V2, jsonld.OB_V3]
    assert cred["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert cred["id"] == f"urn:uuid:{certificate.uuid}"
    assert cred["issuer"]["id"] == credentials.issuer_id() and cred["issuer"]["type"] == ["Profile"]
    subject = cred["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["identityHash"] == "Marieke van den Berg"
    email = subject["identifier"][1]
    assert email["hashed"] is True and email["identityHash"].startswith("sha256$") and "vp@example" not in json.dumps(cred)
    achievement = subject["achievement"]
    assert achievement["name"] == "Basisopleiding vertrouwenspersoon"
    assert achievement["achievementType"] == "Certificate"
    assert [a["targetName"] for a in achievement["alignment"]] == [
        "Het eerste gesprek voeren",
        "Doorverwijzen en grenzen bewaken",
    ]
    assert [e["name"] for e in cred["evidence"]][1] == "Eindtoets"
    assert subject["creditsEarned"] == 16 and isinstance(subject["creditsEarned"], int)
    assert cred["validUntil"][:4] == str(certificate.issued_at.year + 4)
    status = cred["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    assert status["statusListIndex"] == str(certificate.status_index)
    proof = cred["proof"]
    assert proof["cryptosuite"] == "eddsa-rdfc-2022" and proof["proofValue"].startswith("z")
    assert proof["verificationMethod"] == credentials.key_url(keys.active_key().key_id)


def test_issued_credential_verifies(certificate):
    result = verification.verify(copy.deepcopy(certificate.credential))
    assert result.valid, result.reason
    assert result.certificate == certificate


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="Marieke van den Bergh"),
        lambda c: c["credentialSubject"]["achievement"].update(name="Basisopleiding vertrouwenspersoon+"),
        lambda c: c.update(validUntil="2099-01-01T00:00:00Z"),
        lambda c: c["credentialSubject"].update(creditsEarned=160),
        lambda c: c["proof"].update(proofValue=c["proof"]["proofValue"][:-2] + "zz"),
    ],
)
def test_any_change_breaks_the_signature(certificate, change):
    tampered = copy.deepcopy(certificate.credential)
    change(tampered)
    result = verification.verify(tampered)
    assert not result.valid
    assert "handtekening" in result.reason


def test_credential_signed_by_another_key_is_refused(certificate, key_dir, tmp_path, settings):
    unsigned = {k: v for k, v in certificate.credential.items() if k != "proof"}
    settings.CERTIFICATE_KEY_DIR = tmp_path / "elders"
    foreign = keys.create_key()
    forged = credentials.sign(unsigned, foreign)
    settings.CERTIFICATE_KEY_DIR = key_dir
    assert not verification.verify(forged).valid


def test_old_key_still_verifies_after_rotation(certificate):
    keys.create_key()
    assert keys.active_key().key_id not in certificate.credential["proof"]["verificationMethod"]
    assert verification.verify(certificate.credential).valid


def test_other_shapes_are_refused(certificate):
    for document in ([], {"@context": ["https://www.w3.org/2018/credentials/v1"]}, {**certificate.credential, "type": ["X"]}):
        assert not verification.verify(document).valid
    unknown = copy.deepcopy(certificate.credential)
    unknown["id"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
    assert not verification.verify(unknown).valid  # signature no longer matches either


def test_expired_certificate(certificate):
    later = certificate.valid_until + timedelta(seconds=1)
    result = verification.verify(certificate.credential, now=later)
    assert not result.valid and "verlopen" in result.reason
    assert certificate.status(later) == "verlopen"


def test_revoking_flips_the_bit_in_the_published_status_list(client, certificate, trainer):
    url = certificate.credential["credentialStatus"]["statusListCredential"]
    path = url.removeprefix(credentials.absolute(""))
    published = client.get(path).json()
    assert published["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert not status_list.is_set(published["credentialSubject"]["encodedList"], certificate.status_index)
    assert verification.proofs.verify(published, verification.resolve_key)
    issuing.revoke_certificate(certificate, trainer, "Onterecht uitgegeven: eindtoets niet gehaald.")
    published = client.get(path).json()
    assert status_list.is_set(published["credentialSubject"]["encodedList"], certificate.status_index)
    result = verification.verify(certificate.credential)
    assert not result.valid and "ingetrokken" in result.reason
    assert client.get(path.replace("/status/0", "/status/7")).status_code == 404


def test_status_list_encoding():
    encoded = status_list.encode([0, 9, 131071])
    assert [status_list.is_set(encoded, i) for i in (0, 1, 8, 9, 131071)] == [True, False, False, True, True]
    with pytest.raises(ValueError):
        status_list.is_set("xabc", 0)


def test_png_baking_round_trip(certificate):
    png = io.BytesIO()
    segno.make("https://example.test/").save(png, kind="png")
    png = png.getvalue()
    text = json.dumps(certificate.credential)
    baked = baking.bake(png, text)
    assert baking.unbake(baked) == text
    assert baking.unbake(baking.bake(baked, text)) == text  # baking twice keeps one chunk
    assert baked.count(b"openbadgecredential") == 1
    with pytest.raises(ValueError):
        baking.unbake(png)


def test_export_and_verify_commands(certificate, tmp_path, capsys):
    call_command("export_credential", certificate.display_code)
    exported = capsys.readouterr().out
    assert json.loads(exported)["proof"] == certificate.credential["proof"]
    good = tmp_path / "good.json"
    good.write_text(exported)
    call_command("verify_credential", str(good))
    assert capsys.readouterr().out.startswith("Geldig")
    bad = tmp_path / "bad.json"
    bad.write_text(exported.replace("Basisopleiding", "Basisopleidin9", 1))
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_credential", str(bad))
    assert exit_info.value.code == 1
    assert "handtekening klopt niet" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Geen certificaat"):
        call_command("export_credential", "AAAA-BBBB-CCCC")


def test_verify_command_reports_unreadable_files(tmp_path, db, signing_key, capsys):
    missing = tmp_path / "nope.json"
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_credential", str(missing))
    assert exit_info.value.code == 1
    junk = tmp_path / "junk.json"
    junk.write_text("{niet json")
    with pytest.raises(SystemExit):
        call_command("verify_credential", str(junk))
    assert "Ongeldig" in capsys.readouterr().err


def test_proof_context_shortcut_gives_the_same_nquads(certificate):
    from certificates import proofs

    options = {k: v for k, v in certificate.credential["proof"].items() if k != "proofValue"}
    full = jsonld.canonical_nquads({**options, "@context": certificate.credential["@context"]})
    short = jsonld.canonical_nquads({**options, "@context": proofs._proof_context(certificate.credential, options)})
    assert full == short
    assert proofs._proof_context(certificate.credential, {**options, "nonce": "x"}) == certificate.credential["@context"]


def test_export_bundle_holds_what_a_verifier_fetches(certificate, capsys):
    call_command("export_credential", certificate.code, "--bundle")
    bundle = json.loads(capsys.readouterr().out)
    assert bundle["credential"] == certificate.credential
    method = certificate.credential["proof"]["verificationMethod"]
    assert bundle["documents"][method]["type"] == "Multikey"
    assert method in bundle["documents"][credentials.issuer_id()]["assertionMethod"]
    status_url = certificate.credential["credentialStatus"]["statusListCredential"]
    assert bundle["documents"][status_url]["type"][1] == "BitstringStatusListCredential"


def test_status_list_is_cached_until_a_revocation(client, certificate, trainer, django_assert_num_queries):
    from django.core.cache import cache

    cache.clear()
    first = credentials.status_list_credential(0)
    with django_assert_num_queries(0):
        assert credentials.status_list_credential(0) == first
    issuing.revoke_certificate(certificate, trainer, "Fout uitgegeven.")
    assert status_list.is_set(credentials.status_list_credential(0)["credentialSubject"]["encodedList"], certificate.status_index)


def test_verify_command_reads_pdf_and_png(certificate, tmp_path, capsys):
    from certificates import pdf

    document = tmp_path / "certificaat.pdf"
    document.write_bytes(pdf.render(certificate))
    call_command("verify_credential", str(document))
    png = io.BytesIO()
    segno.make("https://example.test/").save(png, kind="png")
    badge = tmp_path / "badge.png"
    badge.write_bytes(baking.bake(png.getvalue(), json.dumps(certificate.credential)))
    call_command("verify_credential", str(badge))
    assert capsys.readouterr().out.count("Geldig") == 2
