"""The one write path for roles: give and take them.

An employer admin is made by `lms.organisations.actions.add_organisation_admin`, not here.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Role

GROUP_ROLES = (Role.VP, Role.TRAINER, Role.FACILITATOR)


def role_group(role):
    """The Django group that carries a role's permissions (created on first use)."""
    group, created = Group.objects.get_or_create(name=role.value)
    if created and role == Role.TRAINER:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


@transaction.atomic
def grant_role(user, role):
    if role == Role.PLATFORM_ADMIN:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    elif role in GROUP_ROLES:
        user.groups.add(role_group(role))
    else:
        raise ValueError(f"{role} is given by administering an organisation.")
    user.forget_roles()


@transaction.atomic
def revoke_role(user, role):
    if role == Role.PLATFORM_ADMIN:
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    elif role in GROUP_ROLES:
        user.groups.remove(role_group(role))
    else:
        raise ValueError(f"{role} is taken by removing the user as an organisation's admin.")
    user.forget_roles()
