from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class H5PLibrary(models.Model):
    """One H5P library version, stored once and shared by every package that uses it.

    H5P identifies a dependency by machine name and major.minor; a later patch of the same major.minor
    reuses the stored files.
    """

    machine_name = models.CharField(_("machinenaam"), max_length=127)
    major_version = models.PositiveIntegerField(_("hoofdversie"))
    minor_version = models.PositiveIntegerField(_("subversie"))
    patch_version = models.PositiveIntegerField(_("patchversie"), default=0)
    title = models.CharField(_("titel"), max_length=255)
    library_json = models.JSONField(_("library.json"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("H5P-bibliotheek")
        verbose_name_plural = _("H5P-bibliotheken")
        ordering = ["machine_name", "major_version", "minor_version"]
        constraints = [
            models.UniqueConstraint(fields=["machine_name", "major_version", "minor_version"], name="h5p_library_once"),
        ]

    def __str__(self):
        return f"{self.machine_name} {self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder(self):
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


class GradingMethod(models.TextChoices):
    BEST = "best", _("Beste poging")
    LAST = "last", _("Laatste poging")
    AVERAGE = "average", _("Gemiddelde van de pogingen")


class H5PActivity(models.Model):
    """An uploaded H5P package: its content and the libraries it runs on."""

    title = models.CharField(_("titel"), max_length=255)
    main_library = models.ForeignKey(H5PLibrary, on_delete=models.PROTECT, related_name="main_of", verbose_name=_("hoofdbibliotheek"))
    libraries = models.ManyToManyField(H5PLibrary, related_name="activities", verbose_name=_("bibliotheken"))
    h5p_json = models.JSONField(_("h5p.json"))
    content_json = models.JSONField(_("content.json"))
    grading_method = models.CharField(
        _("beoordeling bij meer pogingen"), max_length=10, choices=GradingMethod.choices, default=GradingMethod.BEST,
    )
    pass_percentage = models.PositiveSmallIntegerField(
        _("voldoende vanaf (%)"), default=70, help_text=_("Voor activiteiten met een score: vanaf dit percentage geldt de activiteit als gehaald."),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("H5P-activiteit")
        verbose_name_plural = _("H5P-activiteiten")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def content_folder(self):
        return f"h5p/content/{self.pk}"


class H5PResult(models.Model):
    """One xAPI statement with a result from the player, stored once per statement id.

    For content types whose answer key is in content.json the score is recomputed on the server
    (`self_reported` False); for others it is what the player said, and shown as such. Statements of a
    container's child questions are kept (`is_child`) to score the container, but never graded themselves.
    """

    statement_id = models.UUIDField(unique=True)
    enrolment = models.ForeignKey("courses.Enrolment", on_delete=models.CASCADE, related_name="h5p_results")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    activity = models.ForeignKey(H5PActivity, on_delete=models.PROTECT, related_name="results")  # results are never lost
    verb = models.CharField(max_length=255)
    is_child = models.BooleanField(default=False)
    sub_content_id = models.CharField(max_length=64, blank=True)
    response = models.TextField(blank=True)
    completed = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True, help_text="0..1")
    reported_score = models.FloatField(null=True, blank=True, help_text="0..1 as the player said, kept for comparison")
    self_reported = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["enrolment", "module", "block_id"])]
