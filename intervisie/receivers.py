"""What intervisie does when something outside it changes."""

from django.db import transaction

from . import room


def account_saved(sender, instance, created, **kwargs):
    """A blocked account leaves every live room at once (the rooms check access in the database only now and
    then; see consumers.ACCESS_MAX_AGE)."""
    if not created and not instance.is_active:
        transaction.on_commit(lambda: room.evict_everywhere(instance.pk))
