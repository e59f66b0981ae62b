"""Reading intervisie data with the permission check built in: what a user may not see raises Http404."""

from datetime import timedelta

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .groups import is_facilitator, may_enter
from .models import Attendance, Group, Method, Session


def groups_of(user):
    return Group.objects.filter(Q(memberships__user=user) | Q(facilitator=user)).distinct().select_related("facilitator")


def group_or_404(user, group_id):
    group = get_object_or_404(Group.objects.select_related("facilitator"), pk=group_id)
    if not may_enter(user, group):
        raise Http404
    return group


def led_group_or_404(user, group_id):
    group = group_or_404(user, group_id)
    if not is_facilitator(user, group):
        raise Http404
    return group


def session_or_404(user, session_id):
    session = get_object_or_404(Session.objects.select_related("group__facilitator", "method"), pk=session_id)
    if not may_enter(user, session.group):
        raise Http404
    return session


def upcoming_sessions(user):
    return Session.objects.filter(
        Q(group__memberships__user=user) | Q(group__facilitator=user),
        status=Session.Status.PLANNED,
        starts_at__gte=timezone.now() - timedelta(hours=4),
    ).distinct().select_related("group", "method").order_by("starts_at")


def methods_for(user):
    return Method.objects.filter(Q(created_by=None) | Q(created_by=user)).prefetch_related("phases")


def attendance_between(user, start, end):
    """The user's confirmed attendance at sessions held from `start` up to (not including) `end`: for the record."""
    return Attendance.objects.filter(
        user=user, session__starts_at__date__gte=start, session__starts_at__date__lt=end
    ).select_related("session__group", "session__method")
