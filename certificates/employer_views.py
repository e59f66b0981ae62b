"""Employer admins: the appointment letter and the evidence pack of a linked VP."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.organisations.queries import administered_organisation_or_404, linked_vp_link_or_404

from . import appointments, pdf, record
from .forms import AppointmentForm
from .models import Appointment
from .queries import certificates_of


def _organisation_and_vp(request, slug, vp_id):
    """404 unless the user administers the organisation and the VP accepted its link."""
    organisation = administered_organisation_or_404(request.user, slug)
    if not organisation.admins.filter(pk=request.user.pk).exists():  # a platform admin only reads
        raise Http404
    return organisation, linked_vp_link_or_404(organisation, vp_id).vp


@login_required
def appointment(request, slug, vp_id):
    organisation, vp = _organisation_and_vp(request, slug, vp_id)
    existing = Appointment.objects.filter(organisation=organisation, vp=vp).first()
    initial = {} if existing else {**appointments.DEFAULTS, "languages": "Nederlands"}
    form = AppointmentForm(request.POST if request.method == "POST" else None, instance=existing, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        appointments.save_appointment(request.user, organisation, vp, **fields)
        messages.success(request, _("De aanstelling is opgeslagen."))
        return redirect("certificates:appointment", organisation.slug, vp.pk)
    context = {"form": form, "organisation": organisation, "vp": vp, "appointment": existing}
    return render(request, "certificates/appointment.html", context, status=400 if form.errors else 200)


def _pdf_response(data, filename):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def appointment_letter(request, slug, vp_id):
    organisation, vp = _organisation_and_vp(request, slug, vp_id)
    letter = Appointment.objects.filter(organisation=organisation, vp=vp).first()
    if letter is None:
        messages.warning(request, _("Leg eerst de aanstelling vast."))
        return redirect("certificates:appointment", organisation.slug, vp.pk)
    data = pdf.render_template(
        "certificates/appointment_pdf.html", {"appointment": letter, "organisation": organisation, "vp": vp}
    )
    return _pdf_response(data, f"aanstellingsbrief-{organisation.slug}.pdf")


@login_required
def evidence_pack(request, slug, vp_id):
    organisation, vp = _organisation_and_vp(request, slug, vp_id)
    context = {
        "organisation": organisation,
        "vp": vp,
        "appointment": Appointment.objects.filter(organisation=organisation, vp=vp).first(),
        "certificates": certificates_of(vp),
        "record": record.record(vp),
        "today": timezone.localdate(),
    }
    return _pdf_response(pdf.render_template("certificates/evidence_pdf.html", context), f"dossier-{organisation.slug}.pdf")
