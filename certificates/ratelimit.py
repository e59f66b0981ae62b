"""A per-address budget of verification look-ups, kept in the cache, against guessing codes."""

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


def spend(request):
    """Count one look-up for the client; False when its hourly budget is used up."""
    address = request.META.get(settings.CERTIFICATE_CLIENT_IP_META) or request.META.get("REMOTE_ADDR", "")
    key = f"certificates:verify:{address.split(',')[-1].strip()[:64]}"
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count <= settings.CERTIFICATE_VERIFY_RATE
