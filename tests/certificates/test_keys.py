import json
import stat

import pytest
from django.core.management import CommandError, call_command

from certificates import keys, multibase


def test_create_signing_key_writes_a_private_file_outside_the_database(key_dir):
    call_command("create_signing_key")
    [key] = keys.all_keys()
    assert key.path.parent == key_dir
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600
    assert key.path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert keys.active_key() == key
    assert len(key.public_bytes) == 32


def test_second_key_needs_rotate_and_old_keys_stay(key_dir):
    call_command("create_signing_key")
    with pytest.raises(CommandError, match="--rotate"):
        call_command("create_signing_key")
    first = keys.active_key()
    call_command("create_signing_key", "--rotate")
    second = keys.active_key()
    assert second != first
    assert [k.key_id for k in keys.all_keys()] == [first.key_id, second.key_id]


def test_no_key_is_a_clear_error(key_dir):
    with pytest.raises(keys.SigningKeyMissing, match="create_signing_key"):
        keys.active_key()


def test_get_key_refuses_paths(signing_key):
    assert keys.get_key("../../etc/passwd") is None
    assert keys.get_key(signing_key.key_id) == signing_key


def test_issuer_profile_and_keys_are_published(client, db, signing_key):
    profile = client.get("/certificaten/uitgever/").json()
    assert profile["type"] == ["Profile"] and profile["name"] == "VP-Academie"
    old_url = profile["assertionMethod"][0]
    keys.create_key()
    profile = client.get("/certificaten/uitgever/").json()
    assert len(profile["assertionMethod"]) == 2 and old_url in profile["assertionMethod"]
    document = json.loads(client.get(f"/certificaten/uitgever/sleutels/{signing_key.key_id}").content)
    assert document["type"] == "Multikey"
    assert document["id"] == old_url
    assert document["controller"] == profile["id"]
    assert multibase.raw_public_key(document["publicKeyMultibase"]) == signing_key.public_bytes
    assert client.get("/certificaten/uitgever/sleutels/20000101-000000000000-abcd").status_code == 404


def test_multibase_round_trip_with_leading_zeros():
    for data in (b"", b"\0\0abc", bytes(range(40))):
        assert multibase.b58decode(multibase.b58encode(data)) == data


def test_published_documents_are_strict_json_ld(db, signing_key):
    """Safe mode: every property must be defined by the local contexts (no undefined terms dropped)."""
    from certificates import credentials, jsonld

    for document in (credentials.published_issuer_profile(), credentials.multikey_document(signing_key)):
        assert jsonld.canonical_nquads(document)
    nquads = jsonld.canonical_nquads(credentials.published_issuer_profile())
    assert "<https://w3id.org/security#assertionMethod>" in nquads
