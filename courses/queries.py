"""Read-side helpers: what a learner sees on course, module and dashboard pages, in a fixed number of queries."""

import uuid
from functools import reduce
from operator import or_

from django.db.models import Q

from lms.accounts.models import Role

from . import scoring
from .h5p.models import H5PResult
from .h5p.player import player_url
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


def _option_rows(options, selected, reveal):
    return [
        {"index": index, "option": option, "chosen": index in selected, "reveal": reveal and index in selected}
        for index, option in enumerate(options)
    ]


def module_context(user, module, enrolment):
    """Each block of the module with the learner's state, and the learner's result so far."""
    answers = list(Answer.objects.filter(enrolment=enrolment, module=module)) if enrolment else []
    reflections = {
        r.block_id: r.text for r in Reflection.objects.filter(enrolment=enrolment, module=module)
    } if enrolment else {}
    h5p_results = list(H5PResult.objects.filter(enrolment=enrolment, module=module, is_child=False)) if enrolment else []
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
            state.update(answer=answer, attempts=attempts.get(block.id, 0), best=result.scores.get(block.id),
                         options=_option_rows(block.value["options"], selected, answer is not None),
                         multiple=block.value["kind"] == "multiple")
        elif block.block_type == "case":
            selected = set(answer.selected) if answer else set()
            state.update(answer=answer, options=_option_rows(block.value["choices"], selected, answer is not None))
        elif block.block_type == "reflection":
            state["text"] = reflections.get(block.id, "")
        elif block.block_type == "h5p":
            state.update(score=result.scores.get(block.id), self_reported=block.id in result.self_reported)
            if enrolment and block.value["activity"] is not None:
                state["player_url"] = player_url(enrolment, module, block.id, block.value["activity"])
        items.append({"block": block, "state": state})
    return {"items": items, "result": result}


def open_invitations(user):
    """Courses the learner was invited to and has not enrolled in yet."""
    return list(
        Invitation.objects.filter(user=user, course__live=True).exclude(course__enrolments__user=user)
        .select_related("course", "invited_by")
    )


def dashboard_courses(user):
    """The learner's courses with progress, in four queries whatever the number of courses."""
    enrolments = list(
        Enrolment.objects.filter(user=user).select_related("course", "last_module").order_by("-enrolled_at")
    )
    if not enrolments:
        return []
    course_filters = [Q(path__startswith=e.course.path, depth=e.course.depth + 1) for e in enrolments]
    modules = list(ModulePage.objects.live().filter(reduce(or_, course_filters)).only("pk", "path"))
    done = set(
        ModuleProgress.objects.filter(enrolment__in=enrolments, completed_at__isnull=False)
        .values_list("enrolment_id", "module_id")
    )
    rows = []
    for enrolment in enrolments:
        course = enrolment.course
        ids = [m.pk for m in modules if m.path.startswith(course.path)]
        completed = sum(1 for module_id in ids if (enrolment.pk, module_id) in done)
        rows.append({
            "enrolment": enrolment,
            "course": course,
            "total": len(ids),
            "completed": completed,
            "percent": round(100 * completed / len(ids)) if ids else 0,
            "resume": enrolment.last_module if enrolment.last_module_id else None,
        })
    return rows
