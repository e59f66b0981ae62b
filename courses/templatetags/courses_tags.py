from django import template

from home.sites import site_for_request

from ..queries import dashboard_courses, open_invitations

register = template.Library()


@register.inclusion_tag("courses/my_courses.html", takes_context=True)
def my_courses(context):
    """The "Mijn cursussen" card on the VP dashboard."""
    request = context["request"]
    rows, invitations = dashboard_courses(request.user), open_invitations(request.user)
    if rows or invitations:
        site_for_request(request)  # for the links to the courses: from the cache, not a query
    return {"rows": rows, "invitations": invitations, "request": request}
