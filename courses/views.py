"""Learner views: enrol, answer, reflect and complete. Every change goes through courses.progress."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.models import Role, User

from . import bodies, progress, queries, reports
from .forms import InviteForm
from .models import CoursePage, ModulePage


def serve_module(module, request, default_serve, *args, **kwargs):
    """A module is for enrolled learners; trainers and platform admins may look at it without recording anything
    (Wagtail's admin preview takes ModulePage.get_preview_context)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        enrolment = progress.view_module(request.user, module)
    except progress.ProgressError:
        if queries.may_preview(request.user):
            return _preview(module, request, default_serve, *args, **kwargs)
        return render(request, "courses/not_enrolled.html", {"course": module.get_parent().specific}, status=403)
    module.body = bodies.body_of(module)
    request.module_state = {
        "enrolment": enrolment, "course": enrolment.course, **queries.module_context(request.user, module, enrolment),
    }
    return default_serve(request, *args, **kwargs)


def _preview(module, request, default_serve, *args, **kwargs):
    request.module_state = queries.preview_context(request.user, module)
    return default_serve(request, *args, **kwargs)


def _back_to(module, request, block_id=None):
    url = module.get_url(request)
    return redirect(f"{url}#blok-{block_id}" if block_id else url)


def _live_module(module_id):
    return get_object_or_404(ModulePage.objects.live(), pk=module_id)


def _refused(request, module, error, block_id=None):
    try:
        progress.enrolment_for(request.user, module)
    except progress.ProgressError:
        return render(request, "courses/not_enrolled.html", {"course": module.get_parent().specific}, status=403)
    messages.error(request, str(error))
    return _back_to(module, request, block_id)


@login_required
@require_POST
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrolment = progress.enrol(request.user, course)
    except progress.ProgressError as error:
        messages.error(request, str(error))
        return redirect(course.get_url(request))
    first = enrolment.last_module or course.modules().first()
    messages.success(request, _("U bent ingeschreven voor %(course)s.") % {"course": course.title})
    return redirect(first.get_url(request) if first else course.get_url(request))


@login_required
@require_POST
def answer(request, module_id, block_id):
    module = _live_module(module_id)
    try:
        progress.record_answer(
            request.user, module, block_id, request.POST.getlist("keuze"), request.POST.get("submission_id", ""),
        )
    except progress.ProgressError as error:
        return _refused(request, module, error, block_id)
    return _back_to(module, request, block_id)


@login_required
@require_POST
def reflection(request, module_id, block_id):
    module = _live_module(module_id)
    try:
        progress.save_reflection(request.user, module, block_id, request.POST.get("tekst", ""))
    except progress.ProgressError as error:
        return _refused(request, module, error, block_id)
    messages.success(request, _("Uw reflectie is opgeslagen. Alleen u kunt haar lezen."))
    return _back_to(module, request, block_id)


@login_required
@require_POST
def complete(request, module_id):
    module = _live_module(module_id)
    try:
        module_progress = progress.complete_module(request.user, module)
    except progress.ProgressError as error:
        return _refused(request, module, error, "afronden")
    enrolment = module_progress.enrolment
    course = enrolment.course
    if enrolment.completed_at:
        messages.success(request, _("Gefeliciteerd: u heeft de cursus %(course)s afgerond.") % {"course": course.title})
        return redirect(course.get_url(request))
    messages.success(request, _("Module afgerond."))
    following = course.modules().filter(path__gt=module.path).first()
    return redirect((following or course).get_url(request))


MAX_STATEMENT_BYTES = 64 * 1024


@require_POST
def h5p_statement(request, module_id, block_id):
    """An xAPI statement from the player, relayed by the module page (session and CSRF as for any form)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("U bent niet ingelogd.")}, status=403)
    module = _live_module(module_id)
    if len(request.body) > MAX_STATEMENT_BYTES:
        return JsonResponse({"error": _("Het resultaat is te groot.")}, status=400)
    try:
        statement = json.loads(request.body).get("statement")
    except (ValueError, AttributeError):
        return JsonResponse({"error": _("Het resultaat is onleesbaar.")}, status=400)
    try:
        result, created = progress.record_h5p_statement(request.user, module, block_id, statement)
    except progress.ProgressError as error:
        try:
            progress.enrolment_for(request.user, module)
        except progress.ProgressError:
            return JsonResponse({"error": str(error)}, status=403)
        return JsonResponse({"error": str(error)}, status=409 if module.get_parent().specific.is_closed() else 400)
    if result is None:
        return JsonResponse({}, status=204)
    message = ""
    if not result.is_child and result.score is not None:
        message = _("Uw resultaat is opgeslagen: %(pct)s%%.") % {"pct": round(100 * result.score)}
    return JsonResponse({"score": result.score, "self_reported": result.self_reported, "message": message},
                        status=201 if created else 200)


@login_required
def report_list(request):
    if not reports.may_see_reports(request.user):
        raise PermissionDenied
    courses = CoursePage.objects.all().order_by("title")
    return render(request, "courses/report_list.html", {"courses": courses})


@login_required
def report(request, course_id):
    if not reports.may_see_reports(request.user):
        raise PermissionDenied
    course = get_object_or_404(CoursePage, pk=course_id)
    data = reports.course_report(course)
    if request.GET.get("formaat") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="rapport-{course.slug}.csv"'
        response.write("\ufeff")  # so that spreadsheet programs read UTF-8
        reports.write_csv(data, response)
        return response
    return render(request, "courses/report.html", data)


def may_open_invitations(user):
    return user.has_role(Role.TRAINER) or user.has_role(Role.PLATFORM_ADMIN) or user.has_role(Role.EMPLOYER_ADMIN)


@login_required
def invite(request, course_id):
    """A trainer (any VP) or an employer admin (the VPs linked to their organisation) invites a VP to a course."""
    if not may_open_invitations(request.user):
        raise PermissionDenied
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        vp = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
        try:
            if vp is None:
                raise progress.ProgressError(_("Er is geen vertrouwenspersoon met dit e-mailadres."))
            progress.invite(course, request.user, vp)
        except progress.ProgressError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("%(name)s is uitgenodigd voor %(course)s.") % {"name": vp, "course": course.title})
            return redirect("courses:invite", course.pk)
    return render(request, "courses/invite.html", {"course": course, "form": form})
