from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleFormMixin


class InviteForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de vertrouwenspersoon"),
        help_text=_("De vertrouwenspersoon moet al een account hebben op VP-Academie."),
    )
