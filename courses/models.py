"""Course pages, the competency framework, and what learners did (enrolments, answers, reflections, progress)."""

import uuid

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .blocks import SCORED_BLOCKS, ModuleBodyBlock
from .h5p.models import GradingMethod, H5PActivity, H5PLibrary, H5PResult  # noqa: F401  (models of this app)
from .workflow import SecondTrainerApprovalTask  # noqa: F401


class CompetencyKind(models.TextChoices):
    TASK = "task", _("Taak")
    ACTIVITY = "activity", _("Activiteit")
    ATTITUDE = "attitude", _("Houding")


class Competency(index.Indexed, models.Model):
    """A part of the VP's competency framework: the LVV tasks and activities and the attitudes the Inspectorate checks."""

    kind = models.CharField(_("soort"), max_length=10, choices=CompetencyKind.choices)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [FieldPanel("kind"), FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("competentie")
        verbose_name_plural = _("competenties")
        ordering = ["kind", "sort_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display().lower()})"


class ViewRestrictionsInOneQuery:
    """Wagtail's `get_view_restrictions` (checked before a page is served) in one query instead of two.

    Wagtail first fetches the ancestors, then the restrictions of the page and its ancestors, taking for an alias the
    page it is an alias of. The ancestors' paths are the prefixes of the page's own path, so one query finds both:
    restrictions on those pages and on the pages they are aliases of.
    """

    def get_view_restrictions(self):
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page__aliases__path__in=paths)).distinct()


class CourseIndexPage(Page):
    """The course catalogue."""

    introduction = models.TextField(_("inleiding"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("cursusoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.live().child_of(self).specific()
        return context

    def route(self, request, path_components):
        """A course (one slug) or a module (two) in one query by its URL path, instead of two per level.

        Below the catalogue the page types are fixed (course, then module); anything else takes Wagtail's walk.
        """
        model = {1: CoursePage, 2: ModulePage}.get(len(path_components))
        if model is not None:
            page = model.objects.filter(url_path=f"{self.url_path}{'/'.join(path_components)}/").first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)


class CompletionRule(models.TextChoices):
    VIEWED = "viewed", _("Module bekeken en afgerond")
    PASSED = "passed", _("Vragen en activiteiten voldoende gemaakt")


class CoursePage(ViewRestrictionsInOneQuery, Page):
    summary = models.TextField(_("samenvatting"))
    audience = models.TextField(_("voor wie"), blank=True)
    learning_goals = RichTextField(_("leerdoelen"), features=["ul", "ol", "bold", "italic"], blank=True)
    estimated_hours = models.DecimalField(_("studielast (uren)"), max_digits=5, decimal_places=1, default=1)
    pe_hours = models.DecimalField(
        _("uren voor uw scholingsdossier"), max_digits=5, decimal_places=1, default=0,
        help_text=_("Het aantal uren dat deze cursus telt voor de permanente educatie van de vertrouwenspersoon."),
    )
    completion_rule = models.CharField(
        _("wanneer is een module afgerond"), max_length=10, choices=CompletionRule.choices, default=CompletionRule.PASSED,
    )
    pass_percentage = models.PositiveSmallIntegerField(
        _("voldoende vanaf (%)"), default=70,
        help_text=_("Het deel van de vragen dat goed moet zijn om een module (en de eindtoets) te halen."),
    )
    open_enrolment = models.BooleanField(
        _("vrije inschrijving"), default=True, help_text=_("Uit: alleen op uitnodiging van een trainer of werkgever."),
    )
    closes_at = models.DateTimeField(
        _("sluit op"), null=True, blank=True, help_text=_("Na dit moment worden geen antwoorden meer aangenomen."),
    )
    certificate_valid_years = models.PositiveSmallIntegerField(
        _("geldigheid certificaat (jaren)"), default=4, validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Na zoveel jaar verloopt het certificaat. Vier jaar valt samen met de scholingscyclus die de LVV hanteert."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("learning_goals"),
        MultiFieldPanel([
            FieldPanel("estimated_hours"), FieldPanel("pe_hours"), FieldPanel("certificate_valid_years"),
        ], heading=_("Uren en certificaat")),
        MultiFieldPanel([
            FieldPanel("completion_rule"), FieldPanel("pass_percentage"), FieldPanel("open_enrolment"), FieldPanel("closes_at"),
        ], heading=_("Afronding en inschrijving")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")

    def modules(self):
        """The live modules in the trainer's order."""
        return ModulePage.objects.live().child_of(self).order_by("path")

    def is_closed(self, now=None):
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    def competencies(self):
        """Every competency its live modules, questions, cases and H5P activities are tagged with (two queries)."""
        modules = list(self.modules().only("pk", "body"))
        ids = set(
            ModulePage.competencies.through.objects.filter(modulepage__in=modules).values_list("competency_id", flat=True)
        )
        for module in modules:
            ids.update(module.tagged_in_blocks())
        return Competency.objects.filter(pk__in=ids)

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.course_page_context(request.user, self))
        return context


class ModulePage(ViewRestrictionsInOneQuery, Page):
    introduction = models.TextField(_("inleiding"), blank=True)
    body = StreamField(ModuleBodyBlock(), verbose_name=_("inhoud"), blank=True)
    competencies = ParentalManyToManyField(Competency, blank=True, related_name="modules", verbose_name=_("competenties"))
    required = models.BooleanField(_("verplicht"), default=True, help_text=_("Nodig om de cursus af te ronden."))
    is_final_assessment = models.BooleanField(
        _("eindtoets"), default=False,
        help_text=_("Een eindtoets moet altijd voldoende gemaakt worden, wat de regel van de cursus ook is."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("competencies", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("required"), FieldPanel("is_final_assessment")], heading=_("Afronding")),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    template = "courses/module_page.html"

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def blocks_of(self, *types):
        return [block for block in self.body if block.block_type in types]

    def scored_blocks(self):
        return self.blocks_of(*SCORED_BLOCKS)

    def find_block(self, block_id, *types):
        for block in self.body:
            if block.id == block_id and (not types or block.block_type in types):
                return block
        return None

    def tagged_in_blocks(self):
        """Competency ids of the module's questions, cases and H5P activities, read from the stored data."""
        ids = set()
        for block in self.body.raw_data:
            if block["type"] in ("question", "case", "h5p"):
                for item in block["value"].get("competencies") or []:
                    pk = item.get("value") if isinstance(item, dict) else item  # ListBlock items, old or new format
                    if isinstance(pk, int):
                        ids.add(pk)
        return ids

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "module_state", {}))
        if "course" not in context:  # previews
            context["course"] = self.get_parent().specific
        return context

    def get_preview_context(self, request, mode_name):
        from .queries import preview_context

        request.module_state = preview_context(request.user, self)
        return super().get_preview_context(request, mode_name)

    def serve(self, request, *args, **kwargs):
        from .views import serve_module

        return serve_module(self, request, super().serve, *args, **kwargs)


# What learners did ------------------------------------------------------------------------------------------

class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(default=timezone.now)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_module = models.ForeignKey(ModulePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrolment_once")]

    def __str__(self):
        return f"{self.user} – {self.course}"


class Invitation(models.Model):
    """A trainer or employer admin invites a VP to a course that is not open to everyone."""

    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="course_invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="course_invitation_once")]


class ModuleProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="module_progress")
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+")
    first_viewed_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True, help_text="0..1 over the module's scored blocks at completion")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "module"], name="module_progress_once")]


class Answer(models.Model):
    """One attempt at a native question or a choice in a case scenario, scored on the server."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="answers")
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    block_type = models.CharField(max_length=20)
    submission_id = models.UUIDField(default=uuid.uuid4)
    selected = models.JSONField(help_text="indexes of the chosen options")
    score = models.FloatField(null=True, blank=True, help_text="0..1; empty for unscored blocks (case scenarios)")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "submission_id"], name="answer_submitted_once")]
        indexes = [models.Index(fields=["module", "block_id"])]
        ordering = ["created_at", "pk"]


class Reflection(models.Model):
    """Free text only the VP who wrote it can read: not in reports, not in the admin."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "module", "block_id"], name="reflection_once")]


