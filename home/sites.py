"""Wagtail's Site for each request from the cache.

Wagtail finds the site of a request with a query each time (`Site.find_for_request`, remembered on the request
only). Sites change rarely: the site per host and port is kept in the cache, dropped whenever a site is saved or
deleted or a page is published, unpublished or moved (a site's root page may be one of them), and handed to Wagtail
the way it remembers it on the request.
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

CACHE_KEY = "home:sites-by-host"
CACHE_SECONDS = 60 * 60


class CachedSiteMiddleware:
    """After CommonMiddleware, so that only allowed hosts reach the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = (split_domain_port(request._get_raw_host())[0], request.get_port())
        sites = cache.get(CACHE_KEY) or {}
        if host not in sites:
            sites[host] = Site._find_for_request(request)
            cache.set(CACHE_KEY, sites, CACHE_SECONDS)
        request._wagtail_site = sites[host]
        return self.get_response(request)


def forget(**kwargs):
    cache.delete(CACHE_KEY)
