"""Pages for people: trainers and platform admins issue and revoke; VPs and employers see certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.accounts.models import Role
from lms.organisations.queries import active_links_of_organisation, administered_organisations

from . import issuing, record
from .forms import ManualIssueForm, RevokeForm
from .models import Certificate
from .queries import certificates_of, expiring_soon


def _staff_only(user):
    if not issuing.may_issue_and_revoke(user):
        raise PermissionDenied


@login_required
def manage(request):
    _staff_only(request.user)
    query = request.GET.get("q", "").strip()[:100]
    certificates = Certificate.objects.all()
    if query:
        certificates = certificates.filter(
            Q(holder_name__icontains=query) | Q(course_title__icontains=query) | Q(code=query.replace("-", "").upper())
        )
    return render(request, "certificates/manage.html", {"certificates": certificates[:200], "query": query})


@login_required
def issue(request):
    _staff_only(request.user)
    form = ManualIssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certificate, created = issuing.issue_manually(
                request.user, data["holder"], reason=data["reason"], course_ref=data["course_ref"],
                course_title=data["course_title"], hours=data["hours"], competencies=data["competencies"],
                evidence=data["evidence"], valid_years=data["valid_years"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                messages.success(request, _("Certificaat %(code)s is uitgegeven.") % {"code": certificate.display_code})
            else:
                messages.warning(request, _("Deze persoon had al certificaat %(code)s voor deze cursus.") % {"code": certificate.display_code})
            return redirect("certificates:manage")
    return render(request, "certificates/issue.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def revoke(request, uuid):
    _staff_only(request.user)
    certificate = get_object_or_404(Certificate, uuid=uuid)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            issuing.revoke_certificate(certificate, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Certificaat %(code)s is ingetrokken.") % {"code": certificate.display_code})
            return redirect("certificates:manage")
    return render(
        request, "certificates/revoke.html", {"form": form, "certificate": certificate}, status=400 if form.errors else 200
    )


@login_required
def mine(request):
    return render(request, "certificates/mine.html", {"certificates": certificates_of(request.user), "soon": expiring_soon()})


@login_required
def employer(request):
    """Each administered organisation with its linked VPs (only after they accepted) and their certificates."""
    user = request.user
    if not (user.has_role(Role.EMPLOYER_ADMIN) or user.has_role(Role.PLATFORM_ADMIN)):
        raise PermissionDenied
    organisations = []
    for organisation in administered_organisations(user).filter(admins=user):
        vps = [link.vp for link in active_links_of_organisation(organisation)]
        rows = [(vp, certificates_of(vp), record.record(vp)) for vp in vps]
        organisations.append((organisation, rows))
    return render(request, "certificates/employer.html", {"organisations": organisations, "soon": expiring_soon()})
