"""A link in the Wagtail admin menu to the certificates pages, for trainers and platform admins."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .issuing import may_issue_and_revoke


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_issue_and_revoke(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(_("Certificaten"), reverse("certificates:manage"), icon_name="doc-full", order=900)
