// Independent check of a credential with Digital Bazaar's eddsa-rdfc-2022 implementation (not our Python code).
// Usage: node verify-independent.mjs INPUT.json — INPUT is {"credential": {...}, "documents": {url: document}}:
// the issuer profile, its keys and status lists as this platform publishes them. JSON-LD contexts come from
// ../contexts; nothing is fetched over the network. Prints "verified" and exits 0, or prints the errors and exits 1.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {fileURLToPath} from 'node:url';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const contextDir = fileURLToPath(new URL('../contexts/', import.meta.url));
const contexts = {
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.jsonld',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-context-3.0.3.json',
  'https://w3id.org/security/data-integrity/v2': 'data-integrity-v2.jsonld',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.jsonld',
  'https://www.w3.org/ns/credentials/status/v1': 'vc-bitstring-status-list-v1.jsonld',
};
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));

async function documentLoader(url) {
  if (contexts[url]) {
    return {contextUrl: null, documentUrl: url, document: JSON.parse(readFileSync(contextDir + contexts[url], 'utf8'))};
  }
  const document = input.documents[url.split('#')[0]];
  if (document) {
    return {contextUrl: null, documentUrl: url, document};
  }
  throw new Error(`not available offline: ${url}`);
}

async function checkStatus({credential}) {
  const entry = credential.credentialStatus;
  const list = input.documents[entry.statusListCredential];
  if (!list) {
    return {verified: false, error: new Error('status list not given')};
  }
  const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
  const index = Number(entry.statusListIndex);
  const revoked = (bits[index >> 3] & (0x80 >> (index % 8))) !== 0;
  return revoked ? {verified: false, error: new Error('revoked')} : {verified: true};
}

const suite = new DataIntegrityProof({cryptosuite});
const result = await vc.verifyCredential({credential: input.credential, suite, documentLoader, checkStatus});
if (result.verified) {
  console.log('verified');
} else {
  const errors = [result.error, result.statusResult?.error, ...(result.results || []).map(r => r.error)]
    .filter(Boolean);
  console.log(errors.map(e => e.message || String(e)).join('; ') || 'not verified');
  process.exit(1);
}
