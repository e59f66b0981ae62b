"""The one write path for organisations, their admins, invitations and VP links.

Every function checks who may do it, writes in one transaction and raises `OrganisationError` with a message
fit for the user when it refuses; a refusal changes nothing.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.accounts.models import Role
from lms.accounts.roles import grant_role

from .models import Invitation, Organisation, VPLink
from .validators import RESERVED_SLUGS, normalise_kvk, validate_kvk_number


class OrganisationError(Exception):
    """A refused change; str(error) is a message for the user."""


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def is_organisation_admin(user, organisation):
    return user.is_authenticated and (
        user.has_role(Role.PLATFORM_ADMIN) or organisation.admins.filter(pk=user.pk).exists()
    )


@transaction.atomic
def create_organisation(name, kvk_number="", admins=()):
    kvk_number = normalise_kvk(kvk_number)
    if kvk_number:
        validate_kvk_number(kvk_number)
    base = slugify(name)[:70] or "organisatie"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    organisation = Organisation.objects.create(name=name, slug=slug, kvk_number=kvk_number)
    for user in admins:
        add_organisation_admin(organisation, user)
    return organisation


@transaction.atomic
def add_organisation_admin(organisation, user):
    organisation.admins.add(user)
    user.forget_roles()


@transaction.atomic
def invite_vp(organisation, invited_by, email):
    """Invite a VP by e-mail. The raw token is kept only in the e-mail and on the returned instance (`.token`)."""
    if not is_organisation_admin(invited_by, organisation):
        raise OrganisationError(_("U beheert deze organisatie niet."))
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise OrganisationError(_("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")) from None
    if VPLink.objects.active().filter(organisation=organisation, vp__email__iexact=email).exists():
        raise OrganisationError(_("Deze vertrouwenspersoon is al aan uw organisatie gekoppeld."))
    now = timezone.now()
    # A new invitation replaces an open one to the same address, so that only the newest link works.
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email,
        accepted_at=None, declined_at=None, cancelled_at=None,
    ).update(cancelled_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, invited_by=invited_by, token_hash=token_hash(token),
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.token = token
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("organisations:invitation", args=[token])
    context = {"invitation": invitation, "url": url, "inviter": invited_by}
    transaction.on_commit(
        lambda: send_mail(
            subject=_("Uitnodiging van %(organisation)s op VP-Academie") % {"organisation": organisation.name},
            message=render_to_string("organisations/email/invitation.txt", context),
            from_email=None,
            recipient_list=[email],
        )
    )
    return invitation


def find_invitation(token):
    """The invitation a token belongs to, whatever its state, or None."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("organisation").filter(token_hash=token_hash(token)).first()


def invitation_problem(invitation, user=None):
    """Why this invitation cannot be used (by this user), as a message; None when it can."""
    if invitation is None:
        return _("Deze uitnodiging bestaat niet. Controleer of u de volledige link hebt gebruikt.")
    if invitation.accepted_at:
        return _("Deze uitnodiging is al gebruikt.")
    if invitation.declined_at:
        return _("Deze uitnodiging is al afgewezen.")
    if invitation.cancelled_at:
        return _("Deze uitnodiging is ingetrokken of vervangen door een nieuwere.")
    if invitation.expires_at <= timezone.now():
        return _("Deze uitnodiging is verlopen. Vraag %(organisation)s om een nieuwe uitnodiging.") % {
            "organisation": invitation.organisation.name
        }
    if user is not None and user.email.lower() != invitation.email.lower():
        return _("Deze uitnodiging is voor een ander e-mailadres. Log in met het account van %(email)s.") % {
            "email": invitation.email
        }
    return None


def _usable_invitation_for_update(token, user):
    invitation = find_invitation(token)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    problem = invitation_problem(invitation, user)
    if problem:
        raise OrganisationError(problem)
    return invitation


@transaction.atomic
def accept_invitation(token, user):
    """The VP consents: from now on the organisation's admins see the VP's record."""
    invitation = _usable_invitation_for_update(token, user)
    if VPLink.objects.active().filter(organisation=invitation.organisation, vp=user).exists():
        raise OrganisationError(_("U bent al aan deze organisatie gekoppeld."))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if not user.has_role(Role.VP):
        grant_role(user, Role.VP)
    return VPLink.objects.create(organisation=invitation.organisation, vp=user, invitation=invitation)


@transaction.atomic
def decline_invitation(token, user):
    invitation = _usable_invitation_for_update(token, user)
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])
    return invitation


@transaction.atomic
def cancel_invitation(invitation, user):
    if not is_organisation_admin(user, invitation.organisation):
        raise OrganisationError(_("U beheert deze organisatie niet."))
    if not invitation.is_open:
        raise OrganisationError(_("Deze uitnodiging staat niet meer open."))
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    return invitation


@transaction.atomic
def withdraw_link(link, user):
    """End a link: the VP withdraws consent, or the organisation ends the appointment."""
    link = VPLink.objects.select_for_update().select_related("organisation").get(pk=link.pk)
    if user.pk != link.vp_id and not is_organisation_admin(user, link.organisation):
        raise OrganisationError(_("U kunt deze koppeling niet beëindigen."))
    if link.withdrawn_at:
        raise OrganisationError(_("Deze koppeling is al beëindigd."))
    link.withdrawn_at = timezone.now()
    link.withdrawn_by = user
    link.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return link
