"""iCalendar files: one session (e-mail attachment, download) and a user's private feed; the feed's token."""

from datetime import UTC, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from .models import CalendarFeed, Session
from .tokens import new_token, token_hash

PRODID = "-//VP-Academie//Intervisie//NL"
FEED_PAST = timedelta(days=90)


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def session_event(session):
    event = Event()
    event.add("uid", f"{session.uid}@vp-academie")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("sequence", session.revision)
    event.add("summary", f"Intervisie {session.group.name} ({session.method.name})")
    url = _absolute(reverse("intervisie:session", args=[session.pk]))
    event.add("url", url)
    event.add("description", f"Online intervisiebijeenkomst op VP-Academie. De ruimte gaat 15 minuten voor de "
                             f"start open: {url}")
    event.add("status", "CANCELLED" if session.status == Session.Status.CANCELLED else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = "VP-Academie"
    event.add("organizer", organizer)
    return event


def _calendar(events, method=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Intervisie VP-Academie")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def session_ics(session, method=None):
    """The session as an .ics file; method REQUEST/CANCEL for e-mail invitations (iTIP)."""
    return _calendar([session_event(session)], method)


def sessions_of(user):
    return Session.objects.filter(
        Q(group__memberships__user=user) | Q(group__facilitator=user),
        starts_at__gte=timezone.now() - FEED_PAST,
    ).select_related("group", "method").distinct().order_by("starts_at")


def feed_ics(user):
    return _calendar(session_event(session) for session in sessions_of(user))


@transaction.atomic
def reset_feed(user):
    """A new private feed URL for the user; the old one stops working. Returns the raw token (shown once)."""
    token = new_token()
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": token_hash(token)})
    return token


@transaction.atomic
def revoke_feed(user):
    CalendarFeed.objects.filter(user=user).delete()


def feed_user(token):
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    return feed.user if feed and feed.user.is_active else None
