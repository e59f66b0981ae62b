"""Server-rendered pages for members and facilitators. Every object is looked up through queries.py, which
answers 404 to anyone who is not a member or the group's facilitator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.models import Role

from . import attendance, groups, ics, proof, queries, room, schedule
from .errors import IntervisieError
from .forms import CancelForm, CloseForm, GroupForm, InviteForm, MethodForm, PhaseFormSet, PlanForm, WhenForm
from .models import GroupInvitation
from .scanner.limits import MAX_CASE_CHARS


def _facilitator_only(user):
    if not user.has_role(Role.FACILITATOR):
        raise Http404


@login_required
def overview(request):
    user = request.user
    return render(request, "intervisie/overview.html", {
        "groups": queries.groups_of(user),
        "sessions": queries.upcoming_sessions(user),
        "minutes": attendance.minutes_of(user),
        "invitations": GroupInvitation.objects.filter(
            email__iexact=user.email, accepted_at=None, declined_at=None, cancelled_at=None).select_related("group"),
        "has_feed": hasattr(user, "intervisie_feed"),
        "is_facilitator": user.has_role(Role.FACILITATOR),
    })


@login_required
def group_create(request):
    _facilitator_only(request.user)
    form = GroupForm(request.POST or None, methods=queries.methods_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            group = groups.create_group(request.user, form.cleaned_data["name"], form.cleaned_data["default_method"])
        except IntervisieError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De groep is aangemaakt. Nodig nu de leden uit."))
            return redirect("intervisie:group", group.pk)
    return render(request, "intervisie/group_form.html", {"form": form})


@login_required
def group_detail(request, group_id):
    group = queries.group_or_404(request.user, group_id)
    is_facilitator = groups.is_facilitator(request.user, group)
    invite_form = InviteForm(request.POST or None) if is_facilitator else None
    if request.method == "POST":
        if not is_facilitator:
            raise Http404
        if invite_form.is_valid():
            try:
                groups.invite_member(group, request.user, invite_form.cleaned_data["email"])
            except IntervisieError as error:
                invite_form.add_error("email", str(error))
            else:
                messages.success(request, _("Uitnodiging verstuurd."))
                return redirect("intervisie:group", group.pk)
    return render(request, "intervisie/group_detail.html", {
        "group": group,
        "is_facilitator": is_facilitator,
        "members": group.memberships.select_related("user"),
        "invitations": group.invitations.filter(accepted_at=None, declined_at=None, cancelled_at=None),
        "sessions": group.sessions.select_related("method").order_by("starts_at"),
        "rotation": schedule.rotation(group),
        "invite_form": invite_form,
    })


@login_required
@require_POST
def member_remove(request, group_id, user_id):
    group = queries.led_group_or_404(request.user, group_id)
    membership = get_object_or_404(group.memberships.select_related("user"), user_id=user_id)
    groups.remove_member(group, request.user, membership.user)
    messages.success(request, _("%(name)s is geen lid meer van de groep.") % {"name": membership.user.get_full_name()})
    return redirect("intervisie:group", group.pk)


@login_required
@require_POST
def invitation_cancel(request, group_id, invitation_id):
    group = queries.led_group_or_404(request.user, group_id)
    invitation = get_object_or_404(GroupInvitation, pk=invitation_id, group=group)
    groups.cancel_invitation(invitation, request.user)
    messages.success(request, _("De uitnodiging aan %(email)s is ingetrokken.") % {"email": invitation.email})
    return redirect("intervisie:group", group.pk)


@login_required
def session_plan(request, group_id):
    group = queries.led_group_or_404(request.user, group_id)
    form = PlanForm(request.POST or None, methods=queries.methods_for(request.user),
                    initial={"method": group.default_method})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sessions = schedule.plan_session(group, request.user, form.starts_at(), data["duration"], data["method"],
                                             repeat_weeks=data["repeat_weeks"], count=data["count"] or 1)
        except IntervisieError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(n)d bijeenkomst(en) gepland; de leden krijgen een uitnodiging per e-mail.")
                             % {"n": len(sessions)})
            return redirect("intervisie:group", group.pk)
    return render(request, "intervisie/session_plan.html", {"group": group, "form": form})


@login_required
def session_detail(request, session_id):
    session = queries.session_or_404(request.user, session_id)
    is_facilitator = groups.is_facilitator(request.user, session.group)
    return render(request, "intervisie/session_detail.html", {
        "session": session,
        "is_facilitator": is_facilitator,
        "phases": session.method.phases.all(),
        "room_open": room.is_open(session),
        "opens_at": room.opens_at(session),
        "cancel_form": CancelForm() if is_facilitator else None,
        "attendances": session.attendances.select_related("user"),
    })


@login_required
def session_ics(request, session_id):
    session = queries.session_or_404(request.user, session_id)
    response = HttpResponse(ics.session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="intervisie-{session.pk}.ics"'
    return response


@login_required
@require_POST
def session_cancel(request, session_id):
    session = queries.session_or_404(request.user, session_id)
    form = CancelForm(request.POST)
    if not groups.is_facilitator(request.user, session.group):
        raise Http404
    if form.is_valid():
        try:
            schedule.cancel_session(session, request.user, form.cleaned_data["reason"])
        except IntervisieError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("De bijeenkomst is geannuleerd; de leden zijn op de hoogte gebracht."))
    return redirect("intervisie:session", session.pk)


@login_required
def session_reschedule(request, session_id):
    session = queries.session_or_404(request.user, session_id)
    if not groups.is_facilitator(request.user, session.group):
        raise Http404
    local = timezone.localtime(session.starts_at)
    form = WhenForm(request.POST or None,
                    initial={"date": local.date(), "time": local.time(), "duration": session.duration_minutes})
    if request.method == "POST" and form.is_valid():
        try:
            schedule.reschedule_session(session, request.user, form.starts_at(), form.cleaned_data["duration"])
        except IntervisieError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De bijeenkomst is verplaatst; de leden zijn op de hoogte gebracht."))
            return redirect("intervisie:session", session.pk)
    return render(request, "intervisie/session_reschedule.html", {"session": session, "form": form})


@login_required
def session_close(request, session_id):
    session = queries.session_or_404(request.user, session_id)
    if not groups.is_facilitator(request.user, session.group):
        raise Http404
    members = [m.user for m in session.group.memberships.select_related("user")]
    presence = room.minutes_present(session)
    form = CloseForm(request.POST or None, members=members, initial={
        "attendees": [str(pk) for pk, minutes in presence.items() if minutes >= session.duration_minutes // 2]})
    if request.method == "POST" and form.is_valid():
        by_pk = {str(user.pk): user for user in members}
        inbrenger = by_pk.get(form.cleaned_data["inbrenger"])
        try:
            attendance.close_session(session, request.user, form.cleaned_data["theme"],
                                     [by_pk[pk] for pk in form.cleaned_data["attendees"]], presence, inbrenger)
        except IntervisieError as error:
            form.add_error(None, str(error))
        else:
            room.forget(session)
            messages.success(request, _("De bijeenkomst is afgerond en de aanwezigheid is vastgelegd."))
            return redirect("intervisie:session", session.pk)
    return render(request, "intervisie/session_close.html", {
        "session": session, "form": form, "presence": [(u, presence.get(u.pk, 0)) for u in members]})


@login_required
def invitation(request, token):
    invitation = groups.open_invitation(token)
    if invitation is None or invitation.email.lower() != request.user.email.lower():
        return render(request, "intervisie/invitation_invalid.html", status=404)
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                groups.accept_invitation(token, request.user)
                messages.success(request, _("Welkom in de groep %(group)s.") % {"group": invitation.group.name})
                return redirect("intervisie:group", invitation.group.pk)
            groups.decline_invitation(token, request.user)
            messages.info(request, _("U heeft de uitnodiging afgeslagen."))
            return redirect("intervisie:overview")
        except IntervisieError as error:
            messages.error(request, str(error))
    return render(request, "intervisie/invitation.html", {"invitation": invitation})


@login_required
def feed_settings(request):
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            ics.revoke_feed(request.user)
            messages.success(request, _("Uw agendakoppeling is ingetrokken; de oude link werkt niet meer."))
            return redirect("intervisie:feed_settings")
        token = ics.reset_feed(request.user)
    feed_url = request.build_absolute_uri(reverse("intervisie:feed", args=[token])) if token else None
    return render(request, "intervisie/feed_settings.html", {
        "feed_url": feed_url, "has_feed": hasattr(request.user, "intervisie_feed") or token is not None})


def feed(request, token):
    """The private calendar feed: the token is the only credential, so a wrong or revoked one gets 404."""
    user = ics.feed_user(token)
    if user is None:
        raise Http404
    return HttpResponse(ics.feed_ics(user), content_type="text/calendar; charset=utf-8")


@login_required
def hours(request):
    records = attendance.records_of(request.user).order_by("-session__starts_at")
    return render(request, "intervisie/hours.html", {
        "records": records, "minutes": attendance.minutes_of(request.user)})


@login_required
def hours_csv(request):
    response = HttpResponse(attendance.records_csv(request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="intervisie-uren.csv"'
    return response


@login_required
def hours_pdf(request, attendance_id):
    record = get_object_or_404(attendance.records_of(request.user), pk=attendance_id)
    response = HttpResponse(proof.attendance_pdf(record), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="intervisie-{record.session.starts_at:%Y-%m-%d}.pdf"'
    return response


@login_required
def method_list(request):
    return render(request, "intervisie/method_list.html", {
        "methods": queries.methods_for(request.user), "is_facilitator": request.user.has_role(Role.FACILITATOR)})


@login_required
def method_create(request):
    _facilitator_only(request.user)
    form = MethodForm(request.POST or None)
    phases = PhaseFormSet(request.POST or None, prefix="fase")
    if request.method == "POST" and form.is_valid() and phases.is_valid():
        data = [{"name": f["name"], "minutes": f["minutes"], "instruction": f["instruction"], "roles": f["roles"]}
                for f in phases.cleaned_data if f]
        try:
            groups.create_method(request.user, form.cleaned_data["name"], form.cleaned_data["description"], data)
        except IntervisieError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De methode is opgeslagen."))
            return redirect("intervisie:methods")
    return render(request, "intervisie/method_form.html", {"form": form, "phases": phases})


@login_required
def room_page(request, session_id):
    session = queries.session_or_404(request.user, session_id)
    return render(request, "intervisie/room.html", {
        "session": session,
        "is_open": room.is_open(session),
        "opens_at": room.opens_at(session),
        "is_facilitator": groups.is_facilitator(request.user, session.group),
        "max_case_chars": MAX_CASE_CHARS,
    })
