from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role


def navigation(request):
    """The main navigation, per role: each person sees the places their roles give them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [(reverse("accounts:dashboard"), _("Mijn overzicht"))]
    if user.has_role(Role.VP):
        items.append((reverse("organisations:my_links"), _("Mijn organisaties")))
    if user.has_role(Role.EMPLOYER_ADMIN) or user.has_role(Role.PLATFORM_ADMIN):
        items.append((reverse("organisations:list"), _("Werkgever")))
    if user.has_role(Role.TRAINER) or user.has_role(Role.PLATFORM_ADMIN):
        items.append((reverse("wagtailadmin_home"), _("Beheeromgeving")))
    return {"nav_items": items}
