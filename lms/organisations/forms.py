from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin


class InviteForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de vertrouwenspersoon"),
        help_text=_("De vertrouwenspersoon krijgt een link. Pas na akkoord ziet u zijn of haar certificaten en uren."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
