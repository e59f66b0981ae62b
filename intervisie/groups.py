"""The one write path for groups, their members and invitations, and method templates."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Role, User

from . import mail, room
from .errors import IntervisieError
from .models import MAX_MEMBERS, Group, GroupInvitation, Membership, Method, MethodPhase, RoomRole
from .tokens import new_token, token_hash


def is_facilitator(user, group):
    return user.is_authenticated and group.facilitator_id == user.pk and user.has_role(Role.FACILITATOR)


def is_member(user, group):
    return user.is_authenticated and group.memberships.filter(user=user).exists()


def may_enter(user, group):
    """Members and the group's facilitator; nobody else sees the group, its sessions or its room."""
    return is_facilitator(user, group) or (is_member(user, group) and user.is_active)


def _require_facilitator(user, group):
    if not is_facilitator(user, group):
        raise IntervisieError(_("Alleen de gespreksleider van deze groep kan dit doen."))


@transaction.atomic
def create_group(facilitator, name, default_method=None):
    if not facilitator.has_role(Role.FACILITATOR):
        raise IntervisieError(_("Alleen een gespreksleider intervisie kan een groep aanmaken."))
    name = " ".join(name.split())
    if not name:
        raise IntervisieError(_("Geef de groep een naam."))
    return Group.objects.create(name=name[:120], facilitator=facilitator, default_method=default_method)


@transaction.atomic
def invite_member(group, by, email):
    """Invite a registered VP by e-mail. The raw token lives only in the e-mail and on the result (`.token`)."""
    _require_facilitator(by, group)
    Group.objects.select_for_update().get(pk=group.pk)  # one invitation at a time per group: the count holds
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None or not user.has_role(Role.VP):
        raise IntervisieError(_("Er is geen vertrouwenspersoon met dit e-mailadres op het platform."))
    if user.pk == group.facilitator_id:
        raise IntervisieError(_("U bent de gespreksleider van deze groep."))
    if group.memberships.filter(user=user).exists():
        raise IntervisieError(_("Deze vertrouwenspersoon is al lid van de groep."))
    open_invitations = group.invitations.filter(accepted_at=None, declined_at=None, cancelled_at=None)
    open_invitations.filter(email__iexact=email).update(cancelled_at=timezone.now())
    if group.memberships.count() + open_invitations.count() >= MAX_MEMBERS:
        raise IntervisieError(_("Een groep heeft hoogstens %(max)d leden (open uitnodigingen tellen mee).")
                              % {"max": MAX_MEMBERS})
    token = new_token()
    invitation = GroupInvitation.objects.create(group=group, email=email, token_hash=token_hash(token), invited_by=by)
    invitation.token = token
    transaction.on_commit(lambda: mail.send_group_invitation(invitation, user, token))
    return invitation


def open_invitation(token):
    invitation = GroupInvitation.objects.select_related("group").filter(token_hash=token_hash(token)).first()
    return invitation if invitation and invitation.is_open else None


@transaction.atomic
def accept_invitation(token, user):
    invitation = open_invitation(token)
    if invitation is None:
        raise IntervisieError(_("Deze uitnodiging is niet (meer) geldig."))
    if invitation.email.lower() != user.email.lower():
        raise IntervisieError(_("Deze uitnodiging is voor een ander e-mailadres."))
    group = Group.objects.select_for_update().get(pk=invitation.group_id)
    if group.memberships.count() >= MAX_MEMBERS:
        raise IntervisieError(_("De groep is vol."))
    membership, _created = Membership.objects.get_or_create(group=group, user=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def decline_invitation(token, user):
    invitation = open_invitation(token)
    if invitation is None or invitation.email.lower() != user.email.lower():
        raise IntervisieError(_("Deze uitnodiging is niet (meer) geldig."))
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])


@transaction.atomic
def cancel_invitation(invitation, by):
    _require_facilitator(by, invitation.group)
    if invitation.is_open:
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])


@transaction.atomic
def remove_member(group, by, user):
    if by.pk != user.pk:
        _require_facilitator(by, group)
    group.memberships.filter(user=user).delete()
    transaction.on_commit(lambda: room.evict(group, user.pk))  # their open room connections (and calls) end now


@transaction.atomic
def add_member(group, by, user):
    """Add a VP directly (demo data, admin); members normally join by accepting an invitation."""
    _require_facilitator(by, group)
    if not user.has_role(Role.VP):
        raise IntervisieError(_("Alleen vertrouwenspersonen kunnen lid worden."))
    if group.memberships.count() >= MAX_MEMBERS:
        raise IntervisieError(_("De groep is vol."))
    return Membership.objects.get_or_create(group=group, user=user)[0]


def validate_phases(phases):
    """Each phase: {"name", "minutes", "instruction", "roles"}; raises IntervisieError with a Dutch message."""
    if not 1 <= len(phases) <= 12:
        raise IntervisieError(_("Een methode heeft 1 tot 12 fasen."))
    valid_roles = set(RoomRole.values)
    for number, phase in enumerate(phases, start=1):
        if not str(phase.get("name", "")).strip() or not str(phase.get("instruction", "")).strip():
            raise IntervisieError(_("Fase %(n)d heeft een naam en een instructie nodig.") % {"n": number})
        minutes = phase.get("minutes")
        if not isinstance(minutes, int) or not 1 <= minutes <= 120:
            raise IntervisieError(_("Fase %(n)d duurt 1 tot 120 minuten.") % {"n": number})
        if not set(phase.get("roles", [])) <= valid_roles:
            raise IntervisieError(_("Fase %(n)d noemt een onbekende rol.") % {"n": number})


@transaction.atomic
def create_method(by, name, description, phases):
    if by is not None and not by.has_role(Role.FACILITATOR):
        raise IntervisieError(_("Alleen een gespreksleider intervisie kan een methode maken."))
    name = " ".join(name.split())
    if not name:
        raise IntervisieError(_("Geef de methode een naam."))
    validate_phases(phases)
    method = Method.objects.create(name=name[:120], description=description.strip(), created_by=by)
    MethodPhase.objects.bulk_create(
        MethodPhase(method=method, order=n, name=p["name"].strip()[:120], minutes=p["minutes"],
                    instruction=p["instruction"].strip(), roles=list(p.get("roles", [])))
        for n, p in enumerate(phases, start=1)
    )
    return method
