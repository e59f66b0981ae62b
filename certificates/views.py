"""Public pages: the issuer's published documents and the verification of certificates."""

import base64
import json

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods
from django.utils.translation import gettext as _

from . import baking, codes, credentials, keys, pdf, ratelimit, verification
from .forms import CheckForm
from .models import STATUS_LIST_SIZE, Certificate

JSON_LD = "application/ld+json"


def _json(document, content_type=JSON_LD):
    return HttpResponse(json.dumps(document, ensure_ascii=False, indent=2), content_type=content_type)


@require_GET
@cache_control(max_age=3600, public=True)
def issuer(request):
    return _json(credentials.published_issuer_profile())


@require_GET
@cache_control(max_age=86400, public=True)
def key(request, key_id):
    found = keys.get_key(key_id)
    if found is None:
        raise Http404
    return _json(credentials.multikey_document(found))


@require_GET
@cache_control(max_age=60, public=True)
def status_list(request, number):
    last = Certificate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if number > last // STATUS_LIST_SIZE:
        raise Http404
    return _json(credentials.status_list_credential(number), "application/vc+ld+json")


def _too_many(request):
    response = render(request, "certificates/too_many.html", status=429)
    response["Retry-After"] = str(ratelimit.WINDOW)
    return response


def _certificate(request, code):
    """The certificate for a code in a URL, counted against the client's budget; None when over budget."""
    if not ratelimit.spend(request):
        return None
    normalised = codes.normalise(code)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    if certificate is None:
        raise Http404("Onbekende verificatiecode")
    return certificate


def _page_context(certificate):
    now = timezone.now()
    return {
        "certificate": certificate,
        "status": certificate.status(now),
        "issued": timezone.localtime(certificate.issued_at),
        "valid_until": timezone.localtime(certificate.valid_until),
        "revoked": timezone.localtime(certificate.revoked_at) if certificate.revoked_at else None,
        "form": CheckForm(),
    }


@require_GET
def verify(request, code):
    certificate = _certificate(request, code)
    if certificate is None:
        return _too_many(request)
    if code != certificate.code:
        return redirect("certificates:verify", certificate.code)
    return render(request, "certificates/verify.html", _page_context(certificate))


@require_http_methods(["GET", "POST"])
def check(request):
    """Type a code to reach its page, or upload a credential, badge or PDF to check it."""
    form = CheckForm(request.POST, request.FILES) if request.method == "POST" else CheckForm()
    result = None
    if request.method == "POST":
        if not ratelimit.spend(request):
            return _too_many(request)
        if form.is_valid():
            if form.cleaned_data["file"] is not None:
                result = verification.verify(form.cleaned_data["file"])
            else:
                certificate = Certificate.objects.filter(code=form.cleaned_data["code"]).first()
                if certificate:
                    return redirect("certificates:verify", certificate.code)
                form.add_error("code", _("Er is geen certificaat met deze verificatiecode. Controleer de code op het certificaat."))
    status = 400 if form.errors else 200
    return render(request, "certificates/check.html", {"form": form, "result": result}, status=status)


@require_GET
def download_json(request, code):
    certificate = _certificate(request, code)
    if certificate is None:
        return _too_many(request)
    response = _json(certificate.credential)
    response["Content-Disposition"] = f'attachment; filename="certificaat-{certificate.code}.json"'
    return response


@require_GET
def download_png(request, code):
    certificate = _certificate(request, code)
    if certificate is None:
        return _too_many(request)
    png = segno.make(credentials.verify_url(certificate), error="m").png_data_uri(scale=8, dark="#1b2a4a")
    image = base64.b64decode(png.split(",", 1)[1])
    response = HttpResponse(baking.bake(image, json.dumps(certificate.credential, ensure_ascii=False)), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="badge-{certificate.code}.png"'
    return response


@require_GET
def download_pdf(request, code):
    certificate = _certificate(request, code)
    if certificate is None:
        return _too_many(request)
    response = HttpResponse(pdf.render(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificaat-{certificate.code}.pdf"'
    return response
