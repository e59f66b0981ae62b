"""Fixtures for intervisie: a group of three VPs with a facilitator, and a planned session."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from intervisie import groups, schedule
from intervisie.models import Method
from lms.accounts.models import Role
from tests.conftest import make_user


@pytest.fixture
def incident_method(db):
    # Transactional tests flush the database afterwards, seeded methods included: seed again when needed.
    import_module("intervisie.migrations.0002_seed_methods").seed(apps, None)
    return Method.objects.get(name="Incidentmethode", created_by=None)


@pytest.fixture
def third_vp(db):
    return make_user("derde-vp@example.test", Role.VP, first_name="Fatma", last_name="Yılmaz")


@pytest.fixture
def outsider(db):
    return make_user("buitenstaander@example.test", Role.VP, first_name="Karel", last_name="Buiten")


@pytest.fixture
def group(facilitator, vp, other_vp, third_vp, incident_method):
    group = groups.create_group(facilitator, "Intervisiegroep Oost", default_method=incident_method)
    for member in (vp, other_vp, third_vp):
        groups.add_member(group, facilitator, member)
    return group


@pytest.fixture
def session(group, facilitator, incident_method, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (session,) = schedule.plan_session(group, facilitator, timezone.now() + timedelta(days=3), 90, incident_method)
    return session
