from django.contrib.auth.models import AbstractUser, UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does on the platform. A person can have several roles (a facilitator is usually a VP too).

    VP, trainer and facilitator are Django groups of the same name, so that Wagtail's permissions attach to them.
    A platform admin is a superuser; an employer admin is whoever administers at least one organisation.
    """

    VP = "vp", _("Vertrouwenspersoon")
    TRAINER = "trainer", _("Trainer")
    FACILITATOR = "facilitator", _("Gespreksleider intervisie")
    EMPLOYER_ADMIN = "employer_admin", _("Werkgeverbeheerder")
    PLATFORM_ADMIN = "platform_admin", _("Platformbeheerder")


class UserManager(DjangoUserManager):
    """Users are identified by e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def get_with_roles(self, pk):
        """The user with their roles in one query, for the user of every request (lms.accounts.backends)."""
        rows = list(self.filter(pk=pk).order_by().annotate(
            role_group=models.F("groups__name"), role_organisation=models.F("administered_organisations__id"),
        ))
        if not rows:
            raise self.model.DoesNotExist
        user = rows[0]
        user._roles = user.roles_of([(row.role_group, row.role_organisation) for row in rows])
        return user


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        # Addresses are case-insensitive here (logins, invitations): a form such as Wagtail's user form must not
        # add "VP@x.nl" beside "vp@x.nl", or neither can log in. Lower case lets the unique check catch it.
        super().clean()
        self.email = self.email.lower()

    @property
    def roles(self):
        """The person's roles, computed once per instance (the request's user is one instance)."""
        if not hasattr(self, "_roles"):
            # One query: a row per group and organisation administered (one row with None and None for neither).
            # Joins, not a subquery, and no ordering: quicker to build, and this runs on every page.
            self._roles = self.roles_of(type(self)._default_manager.filter(pk=self.pk).order_by().values_list(
                "groups__name", "administered_organisations__id",
            ))
        return self._roles

    def roles_of(self, rows):
        """The roles from a row per group and organisation administered: (group name, organisation id)."""
        rows = list(rows)
        names = {name for name, _organisation in rows}
        # Only these roles are groups; a group named after another role gives nothing.
        roles = {role for role in (Role.VP, Role.TRAINER, Role.FACILITATOR) if role.value in names}
        if self.is_superuser:
            roles.add(Role.PLATFORM_ADMIN)
        if any(organisation is not None for _name, organisation in rows):
            roles.add(Role.EMPLOYER_ADMIN)
        return frozenset(roles)

    def has_role(self, role):
        return self.is_active and role in self.roles

    def forget_roles(self):
        """Recompute roles on next use (a method, so that it reaches the user behind a lazy request.user)."""
        self.__dict__.pop("_roles", None)
