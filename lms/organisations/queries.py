"""Read access to organisations: what a person may see. Views and other apps ask here, never the models."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from lms.accounts.models import Role

from .models import Invitation, Organisation, VPLink


def administered_organisations(user):
    if user.has_role(Role.PLATFORM_ADMIN):
        return Organisation.objects.all()
    return Organisation.objects.filter(admins=user)


def administered_organisation_or_404(user, slug):
    """The organisation, if the user administers it; otherwise a 404 (not a 403: its existence stays private)."""
    return get_object_or_404(administered_organisations(user), slug=slug)


def linked_vp_link_or_404(organisation, vp_id):
    """The active link of a VP to the organisation. Without the VP's consent the employer sees nothing."""
    link = VPLink.objects.active().select_related("vp").filter(organisation=organisation, vp_id=vp_id).first()
    if link is None:
        raise Http404
    return link


def active_links_of_organisation(organisation):
    return VPLink.objects.active().filter(organisation=organisation).select_related("vp").order_by("vp__last_name")


def open_invitations_of_organisation(organisation):
    return [invitation for invitation in organisation.invitations.filter(
        accepted_at=None, declined_at=None, cancelled_at=None
    ) if invitation.is_open]


def links_of_vp(user):
    return VPLink.objects.active().filter(vp=user).select_related("organisation")


def open_invitations_for(user):
    invitations = Invitation.objects.filter(
        email__iexact=user.email, accepted_at=None, declined_at=None, cancelled_at=None
    ).select_related("organisation")
    return [invitation for invitation in invitations if invitation.is_open]


def organisations_employing(user):
    """The organisations a VP currently serves (for other apps: the professional record, evidence packs)."""
    return Organisation.objects.filter(vp_links__vp=user, vp_links__withdrawn_at__isnull=True)


def employer_can_see_vp(employer, vp):
    """True when the employer administers an organisation the VP is linked to (or is a platform admin)."""
    if employer.has_role(Role.PLATFORM_ADMIN):
        return True
    return VPLink.objects.active().filter(vp=vp, organisation__admins=employer).exists()


def dashboard_organisation_context(user):
    context = {}
    if user.has_role(Role.VP):
        context["vp_links"] = list(links_of_vp(user))
    context["pending_invitations"] = open_invitations_for(user)
    if user.has_role(Role.EMPLOYER_ADMIN):
        context["administered"] = list(administered_organisations(user).filter(admins=user))
    return context
