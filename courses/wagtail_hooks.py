"""The admin side: the competency framework and H5P activities as snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
    list_display = ["title", "main_library", "uploaded_at"]


register_snippet(CompetencyViewSet)
register_snippet(H5PActivityViewSet)
