"""Platform admins manage organisations and their admins in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.panels import FieldPanel
from wagtail import hooks

from .models import Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    add_to_admin_menu = True
    url_prefix = "organisaties"
    list_display = ["name", "kvk_number", "created_at"]
    search_fields = ["name", "kvk_number"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kvk_number"), FieldPanel("admins")]


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisation_admin")
