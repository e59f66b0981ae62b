from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The public front page: what the platform offers VPs, groups and employers."""

    introduction = models.TextField(_("inleiding"), blank=True)
    body = RichTextField(_("tekst"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("startpagina")

    def route(self, request, path_components):
        """Passing through a child (say the catalogue on the way to a module) needs its type, not its own fields:
        one query with them deferred instead of two. The page that is served loads in full as usual."""
        if len(path_components) < 2:
            return super().route(request, path_components)
        child = self.get_children().filter(slug=path_components[0]).specific(defer=True).first()
        if child is None:
            raise Http404
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])
