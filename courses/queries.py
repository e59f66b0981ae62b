"""Read-side helpers: what a learner sees on course, module and dashboard pages, in a fixed number of queries."""

import uuid
from urllib.parse import quote

from django.db.models import Func, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import ngettext

from lms.accounts.models import Role

from . import scoring
from .h5p.models import H5PResult
from .h5p.player import player_url, preview_player_url
from .models import Answer, CompetencyKind, Enrolment, Invitation, ModulePage, ModuleProgress, Reflection


def may_preview(user):
    return user.is_authenticated and (user.has_role(Role.TRAINER) or user.has_role(Role.PLATFORM_ADMIN))


def enrolment_of(user, course):
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def completed_module_ids(enrolment):
    if enrolment is None:
        return set()
    return set(
        ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).values_list("module_id", flat=True)
    )


def course_page_context(user, course):
    enrolment = enrolment_of(user, course)
    done = completed_module_ids(enrolment)
    modules = list(course.modules())
    competencies = list(course.competencies())
    by_kind = [(label, [c for c in competencies if c.kind == kind]) for kind, label in CompetencyKind.choices]
    return {
        "enrolment": enrolment,
        "modules": [{"page": module, "completed": module.pk in done} for module in modules],
        "progress_percent": round(100 * len(done & {m.pk for m in modules}) / len(modules)) if modules else 0,
        "competencies_by_kind": [(label, items) for label, items in by_kind if items],
        "is_vp": user.is_authenticated and user.has_role(Role.VP),
        "may_invite": user.is_authenticated and any(
            user.has_role(role) for role in (Role.TRAINER, Role.PLATFORM_ADMIN, Role.EMPLOYER_ADMIN)),
        "invited": bool(user.is_authenticated and not enrolment and Invitation.objects.filter(course=course, user=user).exists()),
        "resume": (enrolment.last_module if enrolment and enrolment.last_module_id else (modules[0] if modules else None)),
    }


def _option_rows(block_id, options, selected, reveal):
    """The options of a question or case with the learner's choice; the form value and the input's id as text."""
    return [
        {"value": str(index), "id": f"keuze-{block_id}-{index}", "option": option, "chosen": index in selected,
         "reveal": reveal and index in selected}
        for index, option in enumerate(options)
    ]


def _attempts_text(n):
    return ngettext("%(n)s poging.", "%(n)s pogingen; uw beste telt.", n) % {"n": n}


def _answer_url(module):
    """The answer URL of a block of this module: reversed once, the block's id put in per block (a reverse per block
    costs 50 µs here)."""
    pattern = reverse("courses:answer", args=[module.pk, "blok"])
    return lambda block_id: pattern.replace("/blok/", f"/{quote(block_id, safe='')}/")


# The template of each block type on the module page; rich text has Wagtail's own.
BLOCK_TEMPLATES = {
    name: f"courses/blocks/{name}.html" for name in ("question", "case", "reflection", "h5p", "callout", "image", "video")
}


def module_context(user, module, enrolment):
    """Each block of the module with the learner's state, and the learner's result so far."""
    answer_url = _answer_url(module)
    types = {block.block_type for block in module.body} if enrolment else set()
    answers = list(Answer.objects.filter(enrolment=enrolment, module=module)) if types & {"question", "case"} else []
    reflections = {
        r.block_id: r.text for r in Reflection.objects.filter(enrolment=enrolment, module=module)
    } if "reflection" in types else {}
    h5p_results = list(H5PResult.objects.filter(enrolment=enrolment, module=module, is_child=False)) if "h5p" in types else []
    latest = {answer.block_id: answer for answer in answers}  # ordered by time: the last one wins
    attempts = {}
    for answer in answers:
        attempts[answer.block_id] = attempts.get(answer.block_id, 0) + 1
    result = scoring.module_result(
        enrolment, module, answers=[a for a in answers if a.block_type == "question"],
        h5p_results=h5p_results,
    )
    items = []
    for block in module.body:
        state = {"submission_id": uuid.uuid4()}
        answer = latest.get(block.id)
        if block.block_type == "question":
            selected = set(answer.selected) if answer else set()
            multiple = block.value["kind"] == "multiple"
            state.update(answer=answer, attempts=attempts.get(block.id, 0), best=result.scores.get(block.id),
                         correct=answer is not None and answer.score == 1,
                         attempts_text=_attempts_text(attempts.get(block.id, 0)) if answer else "",
                         options=_option_rows(block.id, block.value["options"], selected, answer is not None),
                         multiple=multiple, input_type="checkbox" if multiple else "radio",
                         action=answer_url(block.id))
        elif block.block_type == "case":
            selected = set(answer.selected) if answer else set()
            state.update(answer=answer, options=_option_rows(block.id, block.value["choices"], selected, answer is not None),
                         action=answer_url(block.id))
        elif block.block_type == "reflection":
            state["text"] = reflections.get(block.id, "")
        elif block.block_type == "h5p":
            state.update(score=result.scores.get(block.id), self_reported=block.id in result.self_reported)
            activity = block.value["activity"]
            if activity is not None and enrolment:
                state["player_url"] = player_url(enrolment, module, block.id, activity)
            elif activity is not None and may_preview(user):
                state["player_url"] = preview_player_url(user, block.id, activity)
        items.append({"block": block, "state": state, "template": BLOCK_TEMPLATES.get(block.block_type)})
    return {"items": items, "result": result}


def preview_context(user, module):
    """The blocks as a learner sees them before answering, for a trainer or admin: nothing is recorded."""
    return {"preview": True, **module_context(user, module, None)}


def open_invitations(user):
    """Courses the learner was invited to and has not enrolled in yet."""
    return list(
        Invitation.objects.filter(user=user, course__live=True)
        .exclude(course__in=Enrolment.objects.filter(user=user).values("course"))
        .select_related("course", "invited_by")
        .only("course__title", "course__url_path", "invited_by__first_name", "invited_by__last_name", "invited_by__email")
    )


def _count(queryset):
    """The number of rows of a correlated queryset, as a subquery."""
    return Coalesce(Subquery(queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n")), 0)


def dashboard_courses(user):
    """The learner's courses with progress, in one query whatever the number of courses."""
    in_course = {"depth": OuterRef("course__depth") + 1, "path__startswith": OuterRef("course__path")}
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("course", "last_module")
        # What the dashboard shows and links to; fewer columns also make the query quicker to build.
        .only("enrolled_at", "completed_at", "course__title", "course__url_path", "last_module__url_path")
        .annotate(
            total=_count(ModulePage.objects.live().filter(**in_course)),
            completed=_count(ModuleProgress.objects.filter(
                enrolment=OuterRef("pk"), completed_at__isnull=False, module__live=True,
                **{f"module__{key}": value for key, value in in_course.items()},
            )),
        )
        .order_by("-enrolled_at")
    )
    return [
        {
            "enrolment": enrolment,
            "course": enrolment.course,
            "total": enrolment.total,
            "completed": enrolment.completed,
            "percent": round(100 * enrolment.completed / enrolment.total) if enrolment.total else 0,
            "resume": enrolment.last_module if enrolment.last_module_id else None,
        }
        for enrolment in enrolments
    ]
