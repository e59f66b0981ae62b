"""Read access to certificates for pages and other apps."""

from datetime import timedelta

from django.utils import timezone

from .models import Certificate

EXPIRY_WARNING = timedelta(days=183)  # six months


def certificates_of(user):
    return list(Certificate.objects.filter(holder=user).order_by("-issued_at"))


def expiring_soon(now=None):
    """The moment before which a valid certificate's expiry deserves a warning."""
    return (now or timezone.now()) + EXPIRY_WARNING
