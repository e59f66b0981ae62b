import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KVK_PATTERN = re.compile(r"^\d{8}$")


def normalise_kvk(value):
    """Drop the spaces and dots people type in a KvK number ('12 34 56 78')."""
    return re.sub(r"[\s.]", "", value or "")


def validate_kvk_number(value):
    """A KvK number is exactly 8 digits (the Chamber of Commerce no longer uses a check digit)."""
    number = normalise_kvk(value)
    if not KVK_PATTERN.match(number) or number == "00000000":
        raise ValidationError(
            _("Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."), code="invalid_kvk"
        )


# Paths under /organisaties/ that an organisation's slug must not shadow.
RESERVED_SLUGS = {"mijn", "koppeling", "uitnodiging"}


def validate_not_reserved_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Deze korte naam is gereserveerd; kies een andere."), code="reserved_slug")
