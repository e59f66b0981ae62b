"""The competency framework from the cache. Every module page reads the competencies its blocks are tagged with;
the framework is one small table that changes rarely, so it is kept whole in the cache and dropped whenever a
competency is saved or deleted (and after an hour at most)."""

from django.core.cache import cache
from django.db import transaction

CACHE_KEY = "courses:competency-framework"
CACHE_SECONDS = 60 * 60


def competencies_by_id():
    from .models import Competency

    framework = cache.get(CACHE_KEY)
    if framework is None:
        framework = {competency.pk: competency for competency in Competency.objects.all()}
        cache.set(CACHE_KEY, framework, CACHE_SECONDS)
    return framework


def forget(using=None, **kwargs):
    """Drop the cached copy now, for this transaction's own reads, and again once the change is committed: another
    process may have cached the old data in between."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY), using=using)
