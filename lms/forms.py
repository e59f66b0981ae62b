"""Form rendering shared by every app: NL Design System classes and accessible error and help links."""

from django import forms
from django.forms.boundfield import BoundField

TEXT_WIDGETS = (forms.TextInput, forms.EmailInput, forms.PasswordInput, forms.NumberInput, forms.URLInput, forms.Textarea)


class AccessibleBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        if isinstance(widget, TEXT_WIDGETS):
            classes = ["utrecht-textbox", "utrecht-textbox--html-input"]
            if self.errors:
                classes.append("utrecht-textbox--invalid")
            attrs["class"] = " ".join([attrs.get("class", "")] + classes).strip()
        return attrs


class AccessibleFormMixin:
    bound_field_class = AccessibleBoundField
