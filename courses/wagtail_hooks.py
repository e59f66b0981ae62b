"""The admin side: the competency framework and H5P activities as snippets."""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .h5p.admin import H5PUploadView
from .models import Competency, H5PActivity


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "tag"
    menu_label = "Competenties"
    list_display = ["name", "kind"]
    list_filter = ["kind"]


class H5PActivityViewSet(SnippetViewSet):
    model = H5PActivity
    icon = "code"
    menu_label = "H5P-activiteiten"
    list_display = ["title", "main_library", "grading_method", "uploaded_at"]
    add_view_class = H5PUploadView
    copy_view_enabled = False  # a copy would have no files
    panels = [FieldPanel("title"), FieldPanel("grading_method"), FieldPanel("pass_percentage")]


register_snippet(CompetencyViewSet)
register_snippet(H5PActivityViewSet)


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        from .reports import may_see_reports

        return may_see_reports(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem("Cursusrapporten", reverse_lazy("courses:reports"), icon_name="table", order=900)
