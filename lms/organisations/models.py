from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import normalise_kvk, validate_kvk_number, validate_not_reserved_slug


class Organisation(models.Model):
    """An employer that appoints one or more VPs."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("korte naam in de adresbalk"), max_length=80, unique=True, validators=[validate_not_reserved_slug]
    )
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[validate_kvk_number],
        help_text=_("Optioneel: de 8 cijfers van de inschrijving bij de Kamer van Koophandel."),
    )
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="administered_organisations",
        verbose_name=_("werkgeverbeheerders"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        # Like create_organisation: "1234 5678" is stored as 12345678 instead of failing on the length.
        self.kvk_number = normalise_kvk(self.kvk_number)
        super().clean_fields(exclude)


class Invitation(models.Model):
    """An employer admin's invitation to a VP to link to the organisation. Only a hash of the token is kept."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mailadres"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} → {self.email}"

    @property
    def is_open(self):
        return not (self.accepted_at or self.declined_at or self.cancelled_at) and self.expires_at > timezone.now()


class VPLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class VPLink(models.Model):
    """The VP's consent to serve an organisation. It exists only once the VP accepted, and ends when withdrawn."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="vp_links")
    vp = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_links")
    invitation = models.OneToOneField(Invitation, on_delete=models.RESTRICT, related_name="link")
    accepted_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = VPLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppeling vertrouwenspersoon")
        verbose_name_plural = _("koppelingen vertrouwenspersonen")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "vp"], condition=Q(withdrawn_at__isnull=True), name="one_active_link_per_vp"
            )
        ]

    def __str__(self):
        return f"{self.vp} – {self.organisation}"
