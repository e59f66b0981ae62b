"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C vc-di-eddsa, section 3.3)."""

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import jsonld, multibase

CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(Exception):
    """The proof is missing, malformed or does not match the document."""


PROOF_TERMS = {"type", "created", "verificationMethod", "cryptosuite", "proofPurpose"}


def _proof_context(document, options):
    """The document's @context, as the cryptosuite asks. For our own credentials the Open Badges context cannot
    change how these five protected VC 2.0 terms expand, so the same N-Quads come from VC 2.0 alone, faster."""
    context = document["@context"]
    if context == [jsonld.CREDENTIALS_V2, jsonld.OB_V3] and set(options) == PROOF_TERMS:
        return [jsonld.CREDENTIALS_V2]
    return context


def _hash_data(document, proof_options, loader):
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    options = dict(proof_options)
    options.pop("proofValue", None)
    options["@context"] = _proof_context(document, options)
    proof_hash = hashlib.sha256(jsonld.canonical_nquads(options, loader).encode()).digest()
    document_hash = hashlib.sha256(jsonld.canonical_nquads(unsigned, loader).encode()).digest()
    return proof_hash + document_hash


def sign(document, private_key, verification_method, created, loader=jsonld.LOCAL_LOADER):
    """Return a copy of `document` with an embedded DataIntegrityProof signed by the Ed25519 `private_key`."""
    proof = {
        "type": "DataIntegrityProof",
        "created": created,
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": "assertionMethod",
    }
    signature = private_key.sign(_hash_data(document, proof, loader))
    proof["proofValue"] = multibase.encode(signature)
    return {**{k: v for k, v in document.items() if k != "proof"}, "proof": proof}


def verify(document, resolve_public_key, loader=jsonld.LOCAL_LOADER):
    """Check the document's single eddsa-rdfc-2022 proof; return the verification method or raise ProofError.

    `resolve_public_key(verification_method)` returns the 32 raw key bytes or None when the key is unknown.
    """
    proof = document.get("proof") if isinstance(document, dict) else None
    if not isinstance(proof, dict):
        raise ProofError("Het bewijs (proof) ontbreekt of bestaat uit meer dan één handtekening.")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("Onbekend soort handtekening; verwacht DataIntegrityProof met eddsa-rdfc-2022.")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ProofError("De handtekening is niet bedoeld voor het uitgeven van een credential.")
    method = proof.get("verificationMethod")
    raw_key = resolve_public_key(method) if isinstance(method, str) else None
    if raw_key is None:
        raise ProofError("De sleutel van de handtekening is niet van deze uitgever.")
    try:
        signature = multibase.decode(proof.get("proofValue"))
    except ValueError:
        raise ProofError("De handtekening is onleesbaar.") from None
    try:
        data = _hash_data(document, proof, loader)
    except Exception as error:  # pyld raises its own errors for unloadable or invalid JSON-LD
        raise ProofError(f"Het document is geen geldige JSON-LD: {error}") from None
    try:
        Ed25519PublicKey.from_public_bytes(raw_key).verify(signature, data)
    except InvalidSignature:
        raise ProofError("De handtekening klopt niet: de inhoud is gewijzigd of niet door deze uitgever ondertekend.") from None
    return method
