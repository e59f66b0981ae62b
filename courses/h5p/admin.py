"""Uploading an H5P package in the Wagtail admin: the snippet's "add" view takes a .h5p file."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import CreateView

from . import store
from .validation import PackageError


class H5PUploadForm(WagtailAdminModelForm):
    package = forms.FileField(
        label=_("H5P-bestand"), help_text=_("Een .h5p-bestand. Het wordt eerst volledig gecontroleerd."),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leeg laten: de titel uit het pakket.")

    def clean_package(self):
        package = self.cleaned_data["package"]
        try:
            store.validate_for(package, self.for_user)
        except PackageError as error:
            raise forms.ValidationError(str(error))
        return package

    def save_package(self, user):
        activity = store.import_package(self.cleaned_data["package"], title=self.cleaned_data.get("title", ""), user=user)
        activity.grading_method = self.cleaned_data["grading_method"]
        activity.pass_percentage = self.cleaned_data["pass_percentage"]
        activity.save(update_fields=["grading_method", "pass_percentage"])
        return activity


UPLOAD_PANEL = ObjectList(
    [FieldPanel("package"), FieldPanel("title"), FieldPanel("grading_method"), FieldPanel("pass_percentage")],
    base_form_class=H5PUploadForm,
)


class H5PUploadView(CreateView):
    def get_panel(self):
        return UPLOAD_PANEL.bind_to_model(self.model)

    def get_form_class(self):
        return self.panel.get_form_class()  # not the viewset's form for editing an activity

    def save_instance(self):
        return self.form.save_package(self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PackageError as error:  # another upload got in between: refuse like validation would
            form.add_error("package", str(error))
            return self.form_invalid(form)
