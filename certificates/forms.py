from django import forms

from lms.forms import AccessibleFormMixin

from . import codes, verification


class CheckForm(AccessibleFormMixin, forms.Form):
    code = forms.CharField(
        label="Verificatiecode",
        required=False,
        max_length=40,
        help_text="De code van 12 tekens op het certificaat, bijvoorbeeld ABCD-EFGH-JKMN.",
    )
    file = forms.FileField(
        label="Of: controleer een bestand",
        required=False,
        help_text="Een credential (.json), een badge (.png) of het certificaat (.pdf), hoogstens 10 MB.",
    )

    def clean_code(self):
        text = self.cleaned_data["code"].strip()
        if not text:
            return ""
        code = codes.normalise(text)
        if code is None:
            raise forms.ValidationError("Dit is geen geldige verificatiecode: die bestaat uit 12 letters en cijfers.")
        return code

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:
            return None
        if upload.size > verification.MAX_BYTES * 20:
            raise forms.ValidationError("Het bestand is groter dan 10 MB.")
        data = upload.read()
        try:
            return verification.parse(data)
        except (ValueError, UnicodeDecodeError):
            raise forms.ValidationError(
                "Dit bestand bevat geen leesbaar credential. Upload het JSON-bestand, de badge (PNG) of de PDF van het certificaat."
            ) from None

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("code") and not data.get("file"):
            raise forms.ValidationError("Vul een verificatiecode in of kies een bestand.")
        return data
