"""Which account a login attempt is for, as django-axes counts failures (settings.AXES_USERNAME_CALLABLE).

Axes would look for the e-mail under USERNAME_FIELD ("email"), but Django's login forms (ours and Wagtail's) pass
it as `username`: failures were then counted for nobody and a locked account still let the right password in.
The address is lower-cased, as logins are, so that "VP@x.nl" and "vp@x.nl" share one count.
"""


def lockout_username(request, credentials=None):
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        value = getattr(request, "data", request.POST).get("username")
    return str(value).strip().lower() if value else None
