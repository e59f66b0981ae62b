from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin

from . import codes, verification
from .models import Appointment, Category


class CheckForm(AccessibleFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Verificatiecode"),
        required=False,
        max_length=40,
        help_text=_("De code van 12 tekens op het certificaat, bijvoorbeeld ABCD-EFGH-JKMN."),
    )
    file = forms.FileField(
        label=_("Of: controleer een bestand"),
        required=False,
        help_text=_("Een credential (.json), een badge (.png) of het certificaat (.pdf), hoogstens 10 MB."),
    )

    def clean_code(self):
        text = self.cleaned_data["code"].strip()
        if not text:
            return ""
        code = codes.normalise(text)
        if code is None:
            raise forms.ValidationError(_("Dit is geen geldige verificatiecode: die bestaat uit 12 letters en cijfers."))
        return code

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:
            return None
        if upload.size > verification.MAX_BYTES * 20:
            raise forms.ValidationError(_("Het bestand is groter dan 10 MB."))
        data = upload.read()
        try:
            return verification.parse(data)
        except (ValueError, UnicodeDecodeError):
            raise forms.ValidationError(_("Dit bestand bevat geen leesbaar credential. Upload het JSON-bestand, de badge (PNG) of de PDF van het certificaat.")) from None

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("code") and not data.get("file"):
            raise forms.ValidationError(_("Vul een verificatiecode in of kies een bestand."))
        return data


def _lines(text):
    """'Naam – omschrijving' per line into [{"name", "description"}]."""
    items = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for separator in (" – ", " - ", ": "):
            if separator in line:
                name, description = line.split(separator, 1)
                items.append({"name": name.strip(), "description": description.strip()})
                break
        else:
            items.append({"name": line})
    return items


class ManualIssueForm(AccessibleFormMixin, forms.Form):
    holder = forms.EmailField(label=_("E-mailadres van de vertrouwenspersoon"))
    course_ref = forms.SlugField(
        label=_("Cursussleutel"), max_length=100, help_text=_("Korte vaste naam van de cursus, bijvoorbeeld basisopleiding-vp.")
    )
    course_title = forms.CharField(label=_("Titel van de cursus"), max_length=300)
    hours = forms.DecimalField(label=_("Studie-uren"), min_value=0.5, max_value=999, decimal_places=1)
    competencies = forms.CharField(
        label=_("Competenties"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén per regel, eventueel met een omschrijving na een streepje: ‘Het eerste gesprek voeren – luistert en vat samen’."),
    )
    evidence = forms.CharField(
        label=_("Onderbouwing"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén per regel: modules en toetsresultaten, bijvoorbeeld ‘Eindtoets: behaald met 80%’."),
    )
    valid_years = forms.IntegerField(label=_("Geldig (jaren)"), min_value=1, max_value=10, initial=4)
    reason = forms.CharField(
        label=_("Reden van handmatige uitgifte"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        help_text=_("Wordt bewaard bij het certificaat, bijvoorbeeld ‘klassikale opleiding gevolgd op 12 september’."),
    )

    def clean_holder(self):
        from lms.accounts.models import User  # noqa: PLC0415

        holder = User.objects.filter(email__iexact=self.cleaned_data["holder"]).first()
        if holder is None:
            raise forms.ValidationError(_("Er is geen account met dit e-mailadres."))
        return holder

    def clean_competencies(self):
        return _lines(self.cleaned_data["competencies"])

    def clean_evidence(self):
        return _lines(self.cleaned_data["evidence"])


class RevokeForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekking"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        help_text=_("Let op: de reden staat op de openbare verificatiepagina. Noem geen persoonlijke of vertrouwelijke details."),
    )
    confirm = forms.BooleanField(label=_("Ik begrijp dat intrekken definitief is."))


class ActivityForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Activiteit"), max_length=200, help_text=_("Bijvoorbeeld ‘Training omgaan met agressie’."))
    provider = forms.CharField(label=_("Aanbieder"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Soort"), choices=[("", _("Kies…"))] + list(Category.choices))
    hours = forms.DecimalField(label=_("Uren"), min_value=0.5, max_value=200, decimal_places=1)
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("Bijvoorbeeld 12-09-2026."))
    proof = forms.FileField(
        label=_("Bewijs (optioneel)"), required=False,
        help_text=_("Een certificaat of deelnamebewijs als PDF, PNG of JPG, hoogstens 5 MB. Alleen u en uw gekoppelde werkgever zien het."),
    )


class AppointmentForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Appointment
        fields = [
            "position", "start_date", "tasks", "reports_to", "independence", "confidentiality", "protection",
            "hours_per_month", "facilities", "training_budget", "works_council_consent", "contact_routes", "languages",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "works_council_consent": forms.DateInput(attrs={"type": "date"}),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in (
                "tasks", "independence", "confidentiality", "protection", "facilities", "contact_routes",
            )},
        }
        help_texts = {
            "reports_to": _("De hoogste leiding, bijvoorbeeld de directeur-bestuurder."),
            "hours_per_month": _("De tijd die de vertrouwenspersoon voor deze taak krijgt."),
            "works_council_consent": _("Wanneer de ondernemingsraad of personeelsvertegenwoordiging instemde."),
            "contact_routes": _("Hoe medewerkers de vertrouwenspersoon bereiken: telefoon, e-mail, spreekuur, locatie."),
            "languages": _("Bijvoorbeeld ‘Nederlands, Engels’."),
        }
