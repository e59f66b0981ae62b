"""STUN and TURN servers for the room's calls, from settings, with short-lived TURN credentials.

coturn's REST API scheme (`use-auth-secret` with `static-auth-secret` in turnserver.conf): the username is
`<expiry unix time>:<user id>`, the password base64(HMAC-SHA1(secret, username)). coturn recomputes it from the
shared secret and refuses it after the expiry; nothing is stored here. Credentials are only handed to a room's
members (in `call.welcome`) and expire when the room closes.
"""

import base64
import hashlib
import hmac

from django.conf import settings


def credentials(secret, user_id, expires_at):
    """(username, credential) for coturn's REST secret scheme; `expires_at` in Unix seconds."""
    username = f"{int(expires_at)}:{user_id}"
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return username, base64.b64encode(digest).decode()


def ice_servers(user_id, expires_at):
    """RTCPeerConnection's `iceServers` for this user. Empty without settings: calls then work on one network."""
    servers = []
    if settings.WEBRTC_STUN_URLS:
        servers.append({"urls": list(settings.WEBRTC_STUN_URLS)})
    if settings.WEBRTC_TURN_URLS and settings.WEBRTC_TURN_SECRET:
        username, credential = credentials(settings.WEBRTC_TURN_SECRET, user_id, expires_at)
        servers.append({"urls": list(settings.WEBRTC_TURN_URLS), "username": username, "credential": credential})
    return servers
