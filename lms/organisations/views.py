from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.forms import RegistrationForm
from lms.accounts.models import User
from lms.accounts.registration import register_user

from . import actions, queries
from .forms import InviteForm
from .models import Invitation, VPLink


@login_required
def organisation_list(request):
    organisations = list(queries.administered_organisations(request.user))
    if not organisations:
        return render(request, "organisations/none.html", status=403)
    if len(organisations) == 1:
        return redirect("organisations:detail", organisations[0].slug)
    return render(request, "organisations/list.html", {"organisations": organisations})


@login_required
def organisation_detail(request, slug):
    organisation = queries.administered_organisation_or_404(request.user, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite_vp(organisation, request.user, form.cleaned_data["email"])
        except actions.OrganisationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("Uitnodiging verstuurd naar %(email)s.") % {"email": invitation.email})
            return redirect("organisations:detail", organisation.slug)
    return render(request, "organisations/detail.html", {
        "organisation": organisation,
        "links": queries.active_links_of_organisation(organisation),
        "invitations": queries.open_invitations_of_organisation(organisation),
        "form": form,
    })


@login_required
def vp_detail(request, slug, vp_id):
    organisation = queries.administered_organisation_or_404(request.user, slug)
    link = queries.linked_vp_link_or_404(organisation, vp_id)
    return render(request, "organisations/vp_detail.html", {"organisation": organisation, "link": link})


@login_required
@require_POST
def cancel_invitation(request, slug, invitation_id):
    organisation = queries.administered_organisation_or_404(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    try:
        actions.cancel_invitation(invitation, request.user)
    except actions.OrganisationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("De uitnodiging aan %(email)s is ingetrokken.") % {"email": invitation.email})
    return redirect("organisations:detail", organisation.slug)


@login_required
@require_POST
def end_link(request, link_id):
    """The VP withdraws consent, or an admin of the organisation ends the appointment."""
    link = get_object_or_404(VPLink.objects.select_related("organisation"), pk=link_id)
    if link.vp_id != request.user.pk:
        # Only the organisation's own admins learn that the link exists.
        queries.administered_organisation_or_404(request.user, link.organisation.slug)
    try:
        actions.withdraw_link(link, request.user)
    except actions.OrganisationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("De koppeling met %(organisation)s is beëindigd.") % {"organisation": link.organisation})
    if link.vp_id == request.user.pk:
        return redirect("organisations:my_links")
    return redirect("organisations:detail", link.organisation.slug)


@login_required
def my_links(request):
    return render(request, "organisations/my_links.html", {
        "links": queries.links_of_vp(request.user),
        "invitations": queries.open_invitations_for(request.user),
    })


def invitation(request, token):
    """Accept or decline an invitation. An invitee without an account creates one here."""
    found = actions.find_invitation(token)
    user = request.user if request.user.is_authenticated else None
    problem = actions.invitation_problem(found, user)
    if problem:
        return render(request, "organisations/invitation_refused.html", {"reason": problem}, status=404 if found is None else 410)
    if user is None:
        return _register_and_accept(request, found, token)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("accept", "decline"):
            messages.error(request, _("Kies of u de uitnodiging aanneemt of afwijst."))
            return redirect(request.path)
        try:
            if decision == "accept":
                actions.accept_invitation(token, user)
            else:
                actions.decline_invitation(token, user)
        except actions.OrganisationError as error:
            return render(request, "organisations/invitation_refused.html", {"reason": str(error)}, status=409)
        if decision == "accept":
            messages.success(request, _("U bent nu gekoppeld aan %(organisation)s.") % {"organisation": found.organisation})
        else:
            messages.info(request, _("U hebt de uitnodiging van %(organisation)s afgewezen.") % {"organisation": found.organisation})
        return redirect("organisations:my_links")
    return render(request, "organisations/invitation.html", {"invitation": found})


def _register_and_accept(request, invitation, token):
    if User.objects.filter(email__iexact=invitation.email).exists():
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    form = RegistrationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = register_user(
                    invitation.email, form.cleaned_data["first_name"], form.cleaned_data["last_name"],
                    form.cleaned_data["password1"],
                )
                actions.accept_invitation(token, user)
        except (IntegrityError, actions.OrganisationError):
            # Another request registered this address or used the invitation first: nothing of ours was saved.
            return redirect(request.path)
        login(request, user, backend="lms.accounts.backends.ModelBackendWithRoles")
        messages.success(request, _("Welkom! U bent nu gekoppeld aan %(organisation)s.") % {"organisation": invitation.organisation})
        return redirect("accounts:dashboard")
    return render(request, "organisations/invitation_register.html", {"invitation": invitation, "form": form})
