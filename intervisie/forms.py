from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin

from .models import Method, RoomRole


class GroupForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam van de groep"), max_length=120)
    default_method = forms.ModelChoiceField(label=_("Vaste methode"), queryset=Method.objects.none(), required=False)

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_method"].queryset = methods


class InviteForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de vertrouwenspersoon"))


class WhenForm(AccessibleFormMixin, forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration = forms.IntegerField(label=_("Duur in minuten"), min_value=30, max_value=240, initial=90)

    def starts_at(self):
        return timezone.make_aware(datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"]))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time") and self.starts_at() < timezone.now():
            raise forms.ValidationError(_("Kies een moment in de toekomst."))
        return cleaned


class PlanForm(WhenForm):
    method = forms.ModelChoiceField(label=_("Methode"), queryset=Method.objects.none())
    repeat_weeks = forms.IntegerField(label=_("Herhalen elke … weken"), min_value=1, max_value=52, required=False,
                                      help_text=_("Leeg laten voor één bijeenkomst."))
    count = forms.IntegerField(label=_("Aantal bijeenkomsten in de reeks"), min_value=2, max_value=26, required=False)

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = methods

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("repeat_weeks") and not cleaned.get("count"):
            self.add_error("count", _("Geef aan hoe vaak de reeks herhaalt."))
        return cleaned


class CancelForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Toelichting voor de leden (optioneel)"), max_length=300, required=False)


class CloseForm(AccessibleFormMixin, forms.Form):
    theme = forms.CharField(label=_("Thema in één neutrale regel"), max_length=200,
                            help_text=_("Zonder namen of andere herleidbare gegevens, bijvoorbeeld "
                                        "'pesten binnen een productieteam'."))
    attendees = forms.MultipleChoiceField(label=_("Aanwezig"), widget=forms.CheckboxSelectMultiple)
    inbrenger = forms.ChoiceField(label=_("Inbrenger"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(user.pk), user.get_full_name() or user.email) for user in members]
        self.fields["attendees"].choices = choices
        self.fields["inbrenger"].choices = [("", _("Niemand"))] + choices


class MethodForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam van de methode"), max_length=120)
    description = forms.CharField(label=_("Korte beschrijving"), widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False)


class PhaseForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam van de fase"), max_length=120)
    minutes = forms.IntegerField(label=_("Minuten"), min_value=1, max_value=120)
    instruction = forms.CharField(label=_("Instructie voor de ruimte"), widget=forms.Textarea(attrs={"rows": 2}))
    roles = forms.MultipleChoiceField(label=_("Rollen aan het woord"), choices=RoomRole.choices,
                                      widget=forms.CheckboxSelectMultiple, required=False)


PhaseFormSet = forms.formset_factory(PhaseForm, extra=7, max_num=12, validate_max=True)
