"""Module bodies turned into block values once per process, for the module page.

Turning a stored body into block values (StreamField's `to_python`) costs about a millisecond per module page: twenty
blocks, their options, their competencies and a query for the H5P activities. This process keeps the values per
module and uses them again while nothing they came from has changed:
- the stored body is compared in full with the one the values came from (a page saved in code, without a revision,
  is seen too);
- anything a block refers to (an H5P activity, a competency, an image) replaces a token in the shared cache when it
  is saved or deleted, and every process compares that token before it uses its values.
The values are shared between requests: read them, never change them.
"""

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction
from wagtail.blocks import StreamValue

TOKEN_KEY = "courses:body-token"
MAX_MODULES = 200  # per process: a module's values take some tens of kB

_kept = OrderedDict()  # module id -> (token, stored body, block values)
_lock = threading.Lock()


def _token():
    token = cache.get(TOKEN_KEY)
    if token is None:  # first use, or evicted: a new token, so that nothing kept before it is used
        cache.add(TOKEN_KEY, uuid.uuid4().hex, None)
        token = cache.get(TOKEN_KEY)
    return token


def body_of(module):
    """The module's body as a StreamValue whose blocks are already turned into values."""
    token = _token()
    stored = list(module.body.raw_data)
    with _lock:
        kept = _kept.get(module.pk)
        if kept is not None and kept[0] == token and kept[1] == stored:
            _kept.move_to_end(module.pk)
            return StreamValue(module.body.stream_block, kept[2])
    blocks = list(module.body)  # to_python, here and once
    with _lock:
        _kept[module.pk] = (token, stored, blocks)
        while len(_kept) > MAX_MODULES:
            _kept.popitem(last=False)
    return module.body


def forget(using=None, **kwargs):
    """Something blocks refer to changed: a new token now, and again once the change is committed (another process
    may have kept values from the old data in between)."""
    cache.set(TOKEN_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(TOKEN_KEY, uuid.uuid4().hex, None), using=using)
