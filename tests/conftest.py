"""Shared fixtures: users per role, an organisation, the rule that CI never skips for a missing service, and the
browser tests' checks (axe-core, Content-Security-Policy refusals)."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from lms.accounts.models import Role, User
from lms.accounts.roles import grant_role
from lms.organisations import actions

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition, what):
    """Skip when a service is missing on a developer's machine; fail under CI=true, where it must be there."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{what} is required under CI=true but is not available")
        pytest.skip(f"{what} is not available")


def record_refusals(page, refused):
    """Collect in `refused` what a Content-Security-Policy refuses in any frame of `page` (Chromium reports each on
    the console); a browser test asserts at its end that nothing was."""
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))


@contextmanager
def nothing_refused(page):
    """The page, and at the end the assertion that no Content-Security-Policy refused anything in it."""
    refused = []
    record_refusals(page, refused)
    yield page
    assert not refused, "refused by a Content-Security-Policy: " + "; ".join(refused)


def make_user(email, *roles, first_name="Test", last_name="Gebruiker"):
    user = User.objects.create_user(email, "een-lang-wachtwoord-1", first_name=first_name, last_name=last_name)
    for role in roles:
        grant_role(user, role)
    return user


@pytest.fixture
def vp(db):
    return make_user("vp@example.test", Role.VP, first_name="Marieke", last_name="van den Berg")


@pytest.fixture
def other_vp(db):
    return make_user("andere-vp@example.test", Role.VP, first_name="Joost", last_name="Jansen")


@pytest.fixture
def trainer(db):
    return make_user("trainer@example.test", Role.TRAINER)


@pytest.fixture
def facilitator(db):
    return make_user("gespreksleider@example.test", Role.FACILITATOR, Role.VP)


@pytest.fixture
def platform_admin(db):
    return make_user("beheer@example.test", Role.PLATFORM_ADMIN)


@pytest.fixture
def employer_admin(db):
    return make_user("werkgever@example.test", first_name="Petra", last_name="Bakker")


@pytest.fixture
def organisation(employer_admin):
    return actions.create_organisation("Woonzorg Het Baken", "12345678", admins=[employer_admin])


@pytest.fixture
def other_organisation(db):
    other_admin = make_user("andere-werkgever@example.test")
    return actions.create_organisation("Gemeentelijke Dienst Noord", admins=[other_admin])


@pytest.fixture
def linked_vp(vp, organisation, employer_admin):
    """A VP who accepted the organisation's invitation."""
    invitation = actions.invite_vp(organisation, employer_admin, vp.email)
    actions.accept_invitation(invitation.token, vp)
    return vp


def pytest_collection_modifyitems(config, items):
    """Browser tests last: Playwright's sync API keeps an event loop running, which async tests cannot share.

    Every transactional test restores the migrated data (home page, seeded methods and competencies...) from a
    serialized copy, so that no test depends on which transactional test ran before it.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in item.fixturenames or (marker and marker.kwargs.get("transaction"))
        if transactional:
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
    items.sort(key=_run_order)


def _run_order(item):
    """Async tests before browser tests; pytest-playwright's session-wide browser (tests/browser/) last of all,
    after the browser tests that start and stop their own Playwright."""
    path = item.nodeid.split("::")[0]
    if path.startswith("tests/browser/"):
        return 2
    return 1 if "browser" in path else 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate-limit counters and cached status lists do not leak between tests."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    for cache in caches.all():
        if isinstance(cache, RedisCache):
            # Only this run's keys: clear() would flush the whole Redis database, channel layer included.
            client = cache._cache.get_client(write=True)
            for key in client.scan_iter(f"{cache.key_prefix}:*"):
                client.delete(key)
        else:
            cache.clear()
    yield


AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_violations():
    """Run axe-core (npm) in the page and return its WCAG 2.1 A/AA violations as readable lines."""
    require(AXE.exists(), "axe-core in node_modules (npm ci)")
    script = AXE.read_text()

    def run(page):
        page.evaluate(script)  # not a <script> element, which the site's Content-Security-Policy refuses
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]

    return run
