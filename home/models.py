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
        """As Wagtail routes, with three differences. A child that is only passed through (say the catalogue on the
        way to a module) comes from the site's cache, which holds this page with its children (home/sites.py): it
        needs its type, not its own fields. Another child is found by its path, not through the count of children
        that treebeard keeps on this page: a page added since the site was cached would leave that count stale. And
        a child that is passed through but not cached is fetched with its fields deferred: one query instead of two."""
        if not path_components:
            return super().route(request, path_components)
        passing_through = len(path_components) > 1
        child = getattr(self, "children_by_slug", {}).get(path_components[0]) if passing_through else None
        if child is None:
            child = (
                Page.objects.filter(depth=self.depth + 1, path__startswith=self.path, slug=path_components[0])
                .specific(defer=passing_through).first()
            )
        if child is None:
            raise Http404
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])
