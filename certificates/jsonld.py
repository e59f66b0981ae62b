"""JSON-LD processing from context files in the project: the network is never used.

`canonical_nquads` is RDFC-1.0 (URDNA2015) canonicalisation with pyld, as the eddsa-rdfc-2022 cryptosuite asks.
"""

import json
from functools import cache
from pathlib import Path

from pyld import jsonld

CONTEXT_DIR = Path(__file__).resolve().parent / "contexts"

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
STATUS_LIST_V1 = "https://www.w3.org/ns/credentials/status/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"

CONTEXT_FILES = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OB_V3: "ob-context-3.0.3.json",
    DATA_INTEGRITY_V2: "data-integrity-v2.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
    STATUS_LIST_V1: "vc-bitstring-status-list-v1.jsonld",
    DID_V1: "did-v1.jsonld",
}


class ContextNotAvailable(Exception):
    pass


@cache
def _read(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def make_loader(files):
    """A pyld document loader that only serves the given {url: path} files."""

    def load(url, options=None):
        path = files.get(url)
        if path is None:
            raise ContextNotAvailable(f"JSON-LD-context niet beschikbaar: {url}")
        return {"contextUrl": None, "documentUrl": url, "document": _read(str(path))}

    return load


LOCAL_LOADER = make_loader({url: CONTEXT_DIR / name for url, name in CONTEXT_FILES.items()})


def canonical_nquads(document, loader=LOCAL_LOADER):
    return jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "safe": True, "documentLoader": loader},
    )
