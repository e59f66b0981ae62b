"""Wagtail's Site for page requests from the cache.

Wagtail finds the site of a request with a query each time (`Site.find_for_request`, remembered on the request
only), and then its root page in its own type with another. Sites change rarely: for Wagtail's page view, the site
per host and port is kept in the cache with its root page (the home page) once Wagtail has looked it up, handed back
to Wagtail the way it remembers it on the request, and dropped whenever a site or the home page is saved or deleted
or a page is published, unpublished or moved (a site's root page may be one of them). The home page finds its
children by their path, not by its cached count of children (`HomePage.route`). Other views are
left alone (the health probes, for one, touch neither the database nor the cache), unless they ask for it with
`site_for_request` before they link to pages (`{% pageurl %}` needs the site).
"""

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve

CACHE_KEY = "home:sites-by-host"
CACHE_SECONDS = 60 * 60


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve:
            site_for_request(request)
        return None


def site_for_request(request):
    """Wagtail's site for the request (`Site.find_for_request`), from the cache, remembered on the request."""
    if not hasattr(request, "_wagtail_site"):
        host = (split_domain_port(request._get_raw_host())[0], request.get_port())
        sites = cache.get(CACHE_KEY) or {}
        if host in sites:
            request._wagtail_site = sites[host]
        else:
            site = Site.find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific  # the home page Wagtail routes from, without its query
            request._wagtail_site = sites[host] = site
            cache.set(CACHE_KEY, sites, CACHE_SECONDS)
    return request._wagtail_site


def forget(using=None, **kwargs):
    """Drop the cached copy now, for this transaction's own reads, and again once the change is committed: another
    process may have cached the old data in between."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY), using=using)
