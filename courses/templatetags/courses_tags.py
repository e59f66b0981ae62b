from django import template

from ..queries import dashboard_courses, open_invitations

register = template.Library()


@register.inclusion_tag("courses/my_courses.html", takes_context=True)
def my_courses(context):
    """The "Mijn cursussen" card on the VP dashboard."""
    request = context["request"]
    return {"rows": dashboard_courses(request.user), "invitations": open_invitations(request.user), "request": request}
