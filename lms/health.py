"""Liveness (/gezond/) and readiness (/gereed/) for the proxy, the process supervisor and monitoring.

Both answer JSON without personal data and are exempt from the HTTPS redirect (see settings.production), so a
load balancer can probe a worker over plain HTTP. Readiness checks what a worker needs to serve: the database
and, when configured, Redis (channel layer, cache and room state).
"""

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

REDIS_TIMEOUT = 2  # seconds


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


def _database():
    with connection.cursor() as cursor:
        cursor.execute("select 1")
        cursor.fetchone()


def _redis():
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT)
    try:
        client.ping()
    finally:
        client.close()


@never_cache
@require_safe
def ready(request):
    checks = {"database": _database}
    if settings.REDIS_URL:
        checks["redis"] = _redis
    results = {}
    for name, check in checks.items():
        start = time.perf_counter()
        try:
            check()
        except Exception as error:  # any failure means "not ready"; the class name only, no details
            results[name] = {"ok": False, "error": type(error).__name__}
        else:
            results[name] = {"ok": True, "ms": round((time.perf_counter() - start) * 1000, 1)}
    ok = all(result["ok"] for result in results.values())
    return JsonResponse({"status": "ok" if ok else "unavailable", "checks": results}, status=200 if ok else 503)
