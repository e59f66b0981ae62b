"""The professional record: the VP's own page and the employer's read-only view, with CSV and PDF exports."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django.utils.translation import gettext as _

from lms.accounts.models import Role, User
from lms.organisations.queries import employer_can_see_vp

from . import pdf, record
from .forms import ActivityForm
from .models import Activity
from .queries import certificates_of, expiring_soon


def _context(vp):
    return {"vp": vp, "record": record.record(vp), "certificates": certificates_of(vp), "soon": expiring_soon()}


def _visible_vp(user, vp_id):
    """The VP whose record `user` may see: themselves, or a VP linked to (and accepted by) their organisation."""
    if vp_id is None:
        if not user.has_role(Role.VP):
            raise PermissionDenied
        return user
    vp = get_object_or_404(User, pk=vp_id)
    if vp != user and not employer_can_see_vp(user, vp):
        raise Http404
    return vp


@login_required
def mine(request):
    vp = _visible_vp(request.user, None)
    form = ActivityForm(request.POST, request.FILES) if request.method == "POST" else ActivityForm()
    if request.method == "POST" and form.is_valid():
        try:
            record.add_activity(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De activiteit staat in uw overzicht."))
            return redirect("certificates:record")
    context = {**_context(vp), "form": form, "own": True, "activities": vp.activities.all()}
    return render(request, "certificates/record.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def delete_activity(request, pk):
    activity = get_object_or_404(Activity, pk=pk, vp=request.user)
    record.delete_activity(request.user, activity)
    messages.success(request, _("De activiteit is verwijderd."))
    return redirect("certificates:record")


@login_required
def of_vp(request, vp_id):
    vp = _visible_vp(request.user, vp_id)
    return render(request, "certificates/record.html", {**_context(vp), "own": False, "activities": vp.activities.all()})


@login_required
def proof(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("vp"), pk=pk)
    if activity.vp != request.user and not employer_can_see_vp(request.user, activity.vp):
        raise Http404
    if not activity.proof:
        raise Http404
    return FileResponse(activity.proof.open("rb"), as_attachment=True, filename=f"bewijs-{activity.pk}{activity.proof.name[-4:]}")


@login_required
def export_csv(request, vp_id=None):
    vp = _visible_vp(request.user, vp_id)
    data = record.record(vp)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scholingsoverzicht-{data["start"]:%Y}-{data["end"]:%Y}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Datum", "Activiteit", "Soort", "Uren", "Bron", "Kenmerk"])
    for row in data["rows"]:
        writer.writerow([f"{row.date:%d-%m-%Y}", row.title, row.category_label, str(row.hours).replace(".", ","), row.source, row.reference])
    for item in data["progress"]:
        writer.writerow(["", f"Totaal {item['label'].lower()}", "", str(item["hours"]).replace(".", ","), f"richtlijn {item['target']}", ""])
    return response


@login_required
def export_pdf(request, vp_id=None):
    vp = _visible_vp(request.user, vp_id)
    data = pdf.render_template("certificates/record_pdf.html", _context(vp))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="scholingsoverzicht.pdf"'
    return response
