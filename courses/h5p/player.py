"""Playing an H5P activity isolated from the site.

The player page and every file it loads live under /leren/h5p/<token>/, where the token is a short-lived
signature binding the activity, the module block and the enrolled learner (or, for a preview, the activity and a
trainer or platform admin, who may play it without anything being recorded). The page is served with
`Content-Security-Policy: sandbox allow-scripts` (an opaque origin: no access to the site's cookies or DOM) and
is framed by the module page in an `<iframe sandbox="allow-scripts">`. Requests from the sandbox carry no
cookies, so the token is the only key; it expires after H5P_URL_MAX_AGE seconds.
"""

import json
import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from lms.accounts.models import User

from ..models import Enrolment, ModulePage
from .models import H5PActivity
from .store import content_path, library_path

SALT = "courses.h5p.player"
PLAYER_DIST = PurePosixPath("h5p-standalone", "dist")
# The player page (div mode) needs eval for some libraries (EmbeddedJS) and inline styles (Accordion,
# QuestionSet); inside the cookie-less sandbox these cannot reach the site.
PLAYER_CSP = (
    "sandbox allow-scripts; default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
    "base-uri 'self'; form-action 'none'; object-src 'none'; frame-ancestors 'self'"
)
FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml",
         ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf", ".eot": "application/vnd.ms-fontobject",
         ".vtt": "text/vtt", ".webvtt": "text/vtt", ".md": "text/plain", ".textile": "text/plain"}


def max_age():
    return getattr(settings, "H5P_URL_MAX_AGE", 30 * 60)


def make_token(enrolment, module, block_id, activity):
    return signing.dumps([activity.pk, enrolment.user_id, module.pk, block_id], salt=SALT, compress=True)


def player_url(enrolment, module, block_id, activity):
    return reverse("courses:h5p_player", args=[make_token(enrolment, module, block_id, activity)])


def preview_player_url(user, block_id, activity):
    """For a trainer or platform admin previewing a module: no module and no enrolment in the token."""
    token = signing.dumps([activity.pk, user.pk, None, block_id], salt=SALT, compress=True)
    return reverse("courses:h5p_player", args=[token])


def read_token(token):
    """(activity, enrolment) for a valid, unexpired token of a learner still enrolled, or (activity, None) for a
    preview by someone who may still preview; else 404."""
    try:
        activity_id, user_id, module_id, block_id = signing.loads(token, salt=SALT, max_age=max_age())
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404("Deze link is verlopen of ongeldig.")
    if module_id is None:
        from ..queries import may_preview  # queries builds player URLs

        previewer = User.objects.filter(pk=user_id).first()
        activity = H5PActivity.objects.filter(pk=activity_id).first()
        if previewer is None or activity is None or not may_preview(previewer):
            raise Http404("Deze link is verlopen of ongeldig.")
        return activity, None
    module = ModulePage.objects.filter(pk=module_id).only("path").first()
    enrolment = module and Enrolment.objects.filter(user_id=user_id, course__path=module.path[:-ModulePage.steplen]).first()
    activity = H5PActivity.objects.filter(pk=activity_id).first()
    if not enrolment or activity is None:
        raise Http404("Deze link is verlopen of ongeldig.")
    return activity, enrolment


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"  # the sandboxed player's origin is "null"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Cache-Control"] = "private, max-age=300"
    response["Referrer-Policy"] = "no-referrer"
    return response


@xframe_options_sameorigin
@require_http_methods(["GET", "HEAD"])
def player(request, token):
    activity, _enrolment = read_token(token)
    response = render(request, "courses/h5p/player.html", {"activity": activity})
    response["Content-Security-Policy"] = PLAYER_CSP
    return _cors(response)


def _safe(path):
    parts = PurePosixPath(path).parts
    if not parts or any(part in ("..", ".", "") or part.startswith("/") for part in parts) or "\\" in path:
        raise Http404()
    return "/".join(parts)


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def player_file(request, token, path):
    if request.method == "OPTIONS":  # a CORS preflight from the sandbox
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Headers"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        return _cors(response)
    activity, _enrolment = read_token(token)
    path = _safe(path)
    if path == "h5p.json":
        return _json(activity.h5p_json)
    if path == "content/content.json":
        return _json(activity.content_json)
    top, _, rest = path.partition("/")
    if top == "content" and rest:
        return _file(default_storage, content_path(activity, rest))
    if top == "libraries" and rest:
        folder, _, inner = rest.partition("/")
        if not inner or folder not in {library.folder for library in activity.libraries.all()}:
            raise Http404()
        return _file(default_storage, library_path(folder, inner))
    if top == "speler" and rest:
        return _player_dist(rest)
    raise Http404()


def _json(data):
    response = HttpResponse(json.dumps(data), content_type="application/json")
    response["Content-Security-Policy"] = FILE_CSP
    return _cors(response)


def _content_type(name):
    suffix = PurePosixPath(name).suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _file(storage, name):
    if not storage.exists(name):
        raise Http404()
    response = FileResponse(storage.open(name, "rb"), content_type=_content_type(name))
    response["Content-Security-Policy"] = FILE_CSP
    return _cors(response)


def _player_dist(rest):
    root = settings.NODE_MODULES / PLAYER_DIST
    target = (root / rest).resolve()
    if not target.is_file() or root.resolve() not in target.parents:
        raise Http404()
    response = FileResponse(target.open("rb"), content_type=_content_type(target.name))
    response["Content-Security-Policy"] = FILE_CSP
    return _cors(response)
