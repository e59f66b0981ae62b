from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import sites

        for signal in (post_save, post_delete):
            signal.connect(sites.forget, sender=Site, dispatch_uid="home.sites")
            signal.connect(sites.forget_page, dispatch_uid="home.sites.pages")  # every page model: no sender
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(sites.forget, dispatch_uid="home.sites")
