"""The 1EdTech Open Badges 3.0 eddsa-rdfc-2022 test vector (implementation guide), reproduced byte for byte."""

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld as pyld_jsonld

from certificates import jsonld, multibase, proofs

VECTOR = Path(__file__).parent / "vector"
LOADER = jsonld.make_loader(
    {
        "https://www.w3.org/2018/credentials/v1": VECTOR / "credentials-v1.jsonld",
        "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld": VECTOR / "ob-context-3.0.json",
        "https://w3id.org/security/data-integrity/v1": VECTOR / "data-integrity-v1.jsonld",
    }
)
SEED = bytes.fromhex("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4")
PUBLIC = bytes.fromhex("4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5")
METHOD = "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
PROOF_VALUE = "zUSD5bjo6mYV1n9i9E6ZwUiHuj4JyZDjCDfDqoJcPi9XJrc9LYstik9mdBvutdwBdquWXjWrwJDVGJrAarvRs8uD"
NARRATIVE = "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."


def credential():
    return {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld",
            "https://w3id.org/security/data-integrity/v1",
        ],
        "id": "http://example.com/credentials/3527",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": "https://example.edu/issuers/565049",
            "type": ["Profile"],
            "url": "https://www.imsglobal.org",
            "name": "Example Corp",
        },
        "issuanceDate": "2010-01-01T00:00:00Z",
        "name": "Teamwork Badge",
        "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.com/achievements/21st-century-skills/teamwork",
                "type": ["Achievement"],
                "criteria": {"narrative": NARRATIVE},
                "description": "This badge recognizes the development of the capacity to collaborate within a group environment.",
                "name": "Teamwork",
            },
        },
    }


def resolve(method):
    return PUBLIC if method == METHOD else None


def test_multikey_of_the_vector_key():
    assert Ed25519PrivateKey.from_private_bytes(SEED).public_key().public_bytes_raw() == PUBLIC
    assert multibase.public_key_multibase(PUBLIC) == "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    assert multibase.raw_public_key("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi") == PUBLIC


def test_document_hash_matches_the_vector():
    nquads = jsonld.canonical_nquads(credential(), LOADER)
    assert hashlib.sha256(nquads.encode()).hexdigest() == "d994aebd5e53f4af4495dbe9e1155410bae683811107c26acf83671075c163b3"


def test_signing_reproduces_the_proof_value():
    signed = proofs.sign(credential(), Ed25519PrivateKey.from_private_bytes(SEED), METHOD, "2010-01-01T19:23:24Z", LOADER)
    assert signed["proof"]["proofValue"] == PROOF_VALUE
    assert proofs.verify(signed, resolve, LOADER) == METHOD


def test_the_published_signed_vector_verifies_and_one_changed_character_fails():
    signed = credential()
    signed["proof"] = {
        "type": "DataIntegrityProof",
        "created": "2010-01-01T19:23:24Z",
        "verificationMethod": METHOD,
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
        "proofValue": PROOF_VALUE,
    }
    proofs.verify(signed, resolve, LOADER)
    signed["credentialSubject"]["achievement"]["name"] = "Teamwerk"
    with pytest.raises(proofs.ProofError, match="klopt niet"):
        proofs.verify(signed, resolve, LOADER)


def test_unknown_context_is_refused_without_network():
    document = credential()
    document["@context"].append("https://example.org/elders/context.json")
    with pytest.raises(pyld_jsonld.JsonLdError):
        jsonld.canonical_nquads(document, LOADER)
    with pytest.raises(jsonld.ContextNotAvailable, match="niet beschikbaar"):
        LOADER("https://example.org/elders/context.json")
