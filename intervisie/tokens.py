import hashlib
import secrets


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(token):
    """Only this hash of an invitation or feed token is stored; the token itself is in the e-mail or URL."""
    return hashlib.sha256(token.encode()).hexdigest()
