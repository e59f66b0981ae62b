"""Wagtail's Site for page requests from the cache.

Wagtail finds the site of a request with a query each time (`Site.find_for_request`, remembered on the request
only), then its root page in its own type with another, then each page on the way to the one asked for with one more.
Sites change rarely: for Wagtail's page view, the site per host and port is kept in the cache with its root page (the
home page) and the root page's children in their own type (without their fields: a child on the way to a course or
module is only passed through), once Wagtail has looked it up. It is handed back to Wagtail the way it remembers it on
the request, and dropped whenever a site is saved or deleted, a page is saved, deleted, published, unpublished or
moved. The home page looks up a child that is not among the cached ones by its path (`HomePage.route`), not by
treebeard's count of children, which the cached home page may hold from before the child was added. Other views are
left alone (the health probes, for one, touch neither the database nor the cache), unless they ask for it with
`site_for_request` before they link to pages (`{% pageurl %}` needs the site).
"""

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Page, Site
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
                site.root_page.children_by_slug = {
                    child.slug: child for child in site.root_page.get_children().specific(defer=True)
                }
            request._wagtail_site = sites[host] = site
            cache.set(CACHE_KEY, sites, CACHE_SECONDS)
    return request._wagtail_site


def forget_page(sender, instance, using=None, **kwargs):
    if isinstance(instance, Page):
        forget(using=using)


def forget(using=None, **kwargs):
    """Drop the cached copy now, for this transaction's own reads, and again once the change is committed: another
    process may have cached the old data in between."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY), using=using)
