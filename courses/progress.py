"""The one write path for learners: enrol, answer, reflect, complete.

Each function checks who may do it and the course's state, writes in one transaction, and raises `ProgressError`
with a Dutch message for the learner when it refuses; a refusal changes nothing.
"""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Role
from lms.organisations.models import VPLink

from . import scoring
from .h5p import xapi
from .h5p.models import H5PResult
from .models import Answer, CompletionRule, Enrolment, Invitation, ModuleProgress, Reflection
from .signals import course_completed

MAX_REFLECTION_LENGTH = 10_000


class ProgressError(Exception):
    """A refused change; str(error) is a message for the learner."""


def may_invite(user, course, vp):
    if user.has_role(Role.TRAINER) or user.has_role(Role.PLATFORM_ADMIN):
        return True
    return VPLink.objects.active().filter(vp=vp, organisation__admins=user).exists()


@transaction.atomic
def invite(course, invited_by, vp):
    if not may_invite(invited_by, course, vp):
        raise ProgressError(_("U mag deze vertrouwenspersoon niet voor deze cursus uitnodigen."))
    if not vp.has_role(Role.VP):
        raise ProgressError(_("Alleen vertrouwenspersonen kunnen een cursus volgen."))
    invitation, _created = Invitation.objects.get_or_create(course=course, user=vp, defaults={"invited_by": invited_by})
    return invitation


@transaction.atomic
def enrol(user, course):
    """Enrol a VP in a live course: open to everyone, or by invitation. Enrolling twice returns the same enrolment."""
    if not user.is_authenticated or not user.has_role(Role.VP):
        raise ProgressError(_("Alleen vertrouwenspersonen kunnen zich inschrijven."))
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    if not course.live:
        raise ProgressError(_("Deze cursus is niet beschikbaar."))
    if course.is_closed():
        raise ProgressError(_("Deze cursus is gesloten; inschrijven kan niet meer."))
    invitation = Invitation.objects.filter(course=course, user=user).first()
    if not course.open_enrolment and invitation is None:
        raise ProgressError(_("Voor deze cursus heeft u een uitnodiging nodig van een trainer of uw werkgever."))
    try:
        with transaction.atomic():
            return Enrolment.objects.create(user=user, course=course, invited_by=invitation.invited_by if invitation else None)
    except IntegrityError:  # a second tab enrolled at the same moment
        return Enrolment.objects.get(user=user, course=course)


ENROLMENT_FIELDS = ("user", "course", "enrolled_at", "invited_by", "last_module", "completed_at")
MODULE_PAGE_COURSE_FIELDS = ("title", "url_path", "closes_at")


def enrolment_for(user, module, course_fields=None):
    """The learner's enrolment in the module's course, or a refusal. With `course_fields`, only those of the course
    are loaded (fewer columns: a quicker query); any other is then one query more when read."""
    course_path = module.path[:-module.steplen]  # the parent's path: no query for the parent page
    enrolments = Enrolment.objects.select_related("course").filter(user=user, course__path=course_path)
    if course_fields:
        enrolments = enrolments.only(*ENROLMENT_FIELDS, *(f"course__{name}" for name in course_fields))
    enrolment = enrolments.first() if user.is_authenticated else None
    if enrolment is None:
        raise ProgressError(_("U bent niet ingeschreven voor deze cursus."))
    return enrolment


def _open_enrolment(user, module):
    enrolment = enrolment_for(user, module)
    if enrolment.course.is_closed():
        raise ProgressError(_("Deze cursus is gesloten. Uw antwoord is niet meer opgeslagen; eerdere antwoorden blijven bewaard."))
    if not module.live:
        raise ProgressError(_("Deze module is niet meer beschikbaar."))
    return enrolment


def view_module(user, module):
    """Remember that the learner opened the module, for resuming where they left off. The enrolment's course carries
    what the module page shows of it."""
    enrolment = enrolment_for(user, module, course_fields=MODULE_PAGE_COURSE_FIELDS)
    if enrolment.last_module_id == module.pk:
        return enrolment  # its progress row was made when it became the last module: nothing to write
    with transaction.atomic():
        ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
        Enrolment.objects.filter(pk=enrolment.pk).update(last_module=module)
    enrolment.last_module = module
    return enrolment


def _parse_selection(raw, option_count):
    try:
        selected = sorted({int(value) for value in raw})
    except (TypeError, ValueError):
        raise ProgressError(_("Dit antwoord kennen we niet. Kies een van de antwoorden."))
    if not selected:
        raise ProgressError(_("Kies eerst een antwoord."))
    if any(index < 0 or index >= option_count for index in selected):
        raise ProgressError(_("Dit antwoord kennen we niet. Kies een van de antwoorden."))
    return selected


@transaction.atomic
def record_answer(user, module, block_id, selected, submission_id):
    """Store one attempt at a question or case and score it here. The same submission_id stores it only once.

    Returns (answer, created).
    """
    enrolment = _open_enrolment(user, module)
    block = module.find_block(block_id, "question", "case")
    if block is None:
        raise ProgressError(_("Deze vraag bestaat niet (meer) in deze module."))
    try:
        submission_id = uuid.UUID(str(submission_id))
    except ValueError:
        raise ProgressError(_("Het formulier is niet compleet. Laad de pagina opnieuw en probeer het nog eens."))
    options = block.value["options"] if block.block_type == "question" else block.value["choices"]
    selected = _parse_selection(selected, len(options))
    if block.block_type == "case" or block.value["kind"] != "multiple":
        if len(selected) != 1:
            raise ProgressError(_("Kies één antwoord."))
    existing = Answer.objects.filter(enrolment=enrolment, submission_id=submission_id).first()
    if existing:
        if existing.module_id != module.pk or existing.block_id != block_id:
            raise ProgressError(_("Het formulier is niet compleet. Laad de pagina opnieuw en probeer het nog eens."))
        return existing, False
    score = scoring.score_question(block.value, selected) if block.block_type == "question" else None
    try:
        with transaction.atomic():
            answer = Answer.objects.create(
                enrolment=enrolment, module=module, block_id=block_id, block_type=block.block_type,
                submission_id=submission_id, selected=selected, score=score,
            )
    except IntegrityError:  # the same form sent twice at once: keep the first
        return Answer.objects.get(enrolment=enrolment, submission_id=submission_id), False
    return answer, True


@transaction.atomic
def save_reflection(user, module, block_id, text):
    """Keep the learner's private reflection; saving again replaces it."""
    enrolment = enrolment_for(user, module)
    if module.find_block(block_id, "reflection") is None:
        raise ProgressError(_("Deze reflectievraag bestaat niet (meer) in deze module."))
    text = (text or "").strip()
    if not text:
        raise ProgressError(_("Schrijf eerst iets op voordat u opslaat."))
    if len(text) > MAX_REFLECTION_LENGTH:
        raise ProgressError(_("Uw reflectie is te lang (meer dan %(max)s tekens).") % {"max": MAX_REFLECTION_LENGTH})
    reflection, _created = Reflection.objects.update_or_create(
        enrolment=enrolment, module=module, block_id=block_id, defaults={"text": text},
    )
    return reflection


@transaction.atomic
def complete_module(user, module):
    """Mark the module completed when the course's rule is met; then complete the course when all is done."""
    enrolment = _open_enrolment(user, module)
    course = enrolment.course
    progress, _created = ModuleProgress.objects.select_for_update().get_or_create(enrolment=enrolment, module=module)
    if progress.completed_at:
        return progress
    result = scoring.module_result(enrolment, module)
    needs_pass = course.completion_rule == CompletionRule.PASSED or module.is_final_assessment
    if needs_pass and result.scored_blocks:
        if result.unanswered:
            raise ProgressError(_("Beantwoord eerst alle vragen en activiteiten van deze module."))
        if result.percentage < course.pass_percentage:
            raise ProgressError(
                _("U heeft %(score)s%% goed; nodig is %(needed)s%%. Bekijk de uitleg en probeer de vragen opnieuw.")
                % {"score": result.percentage, "needed": course.pass_percentage}
            )
        for block in module.blocks_of("h5p"):  # each H5P activity must be passed by its own standard
            activity = block.value["activity"]
            if activity is not None and 100 * result.scores[block.id] < activity.pass_percentage:
                raise ProgressError(
                    _("U heeft de activiteit ‘%(title)s’ nog niet gehaald (nodig: %(needed)s%%). Probeer het opnieuw.")
                    % {"title": activity.title, "needed": activity.pass_percentage}
                )
    progress.completed_at = timezone.now()
    progress.score = result.fraction
    progress.save(update_fields=["completed_at", "score"])
    _complete_course_if_done(enrolment)
    return progress


def _complete_course_if_done(enrolment):
    course = enrolment.course
    needed = {module.pk for module in course.modules() if module.required or module.is_final_assessment}
    done = set(
        ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).values_list("module_id", flat=True)
    )
    if needed - done or enrolment.completed_at:
        return
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(completed_at=timezone.now())
    if updated:
        enrolment.refresh_from_db()
        transaction.on_commit(lambda: course_completed.send(sender=Enrolment, enrolment=enrolment))


@transaction.atomic
def record_h5p_statement(user, module, block_id, data):
    """Store one xAPI statement from the player for an enrolled learner, scored on the server where possible.

    Returns (result, created); (None, False) for statements without a result (nothing is stored).
    """
    enrolment = _open_enrolment(user, module)
    block = module.find_block(block_id, "h5p")
    if block is None or block.value["activity"] is None:
        raise ProgressError(_("Deze activiteit bestaat niet (meer) in deze module."))
    activity = block.value["activity"]
    try:
        statement = xapi.parse(data)
    except xapi.StatementError as error:
        raise ProgressError(str(error))
    existing = H5PResult.objects.filter(statement_id=statement.id).first()
    if existing:
        if existing.enrolment_id != enrolment.pk or existing.module_id != module.pk or existing.block_id != block_id:
            raise ProgressError(_("Dit resultaat hoort bij een andere activiteit."))
        return existing, False
    if not statement.has_result:
        return None, False
    score, self_reported = _h5p_score(enrolment, module, block_id, activity, statement)
    try:
        with transaction.atomic():
            result = H5PResult.objects.create(
                statement_id=statement.id, enrolment=enrolment, module=module, block_id=block_id, activity=activity,
                verb=statement.verb, is_child=statement.is_child, sub_content_id=statement.sub_content_id,
                response=statement.response, completed=statement.completed, score=score,
                reported_score=statement.reported_score, self_reported=self_reported,
            )
    except IntegrityError:  # the same statement sent twice at once
        return H5PResult.objects.get(statement_id=statement.id), False
    return result, True


def _h5p_score(enrolment, module, block_id, activity, statement):
    """(score, self_reported) for a statement: recomputed for the types we can, else the player's claim."""
    library = activity.main_library.machine_name
    content = activity.content_json
    if library not in xapi.RESCORED:
        return statement.reported_score, statement.reported_score is not None
    if library == "H5P.SingleChoiceSet":
        if statement.is_child:
            return xapi.score_single_choice(statement.response), False
        earlier = H5PResult.objects.filter(enrolment=enrolment, module=module, block_id=block_id)
        last_set = earlier.filter(is_child=False).order_by("-created_at", "-pk").first()
        children = earlier.filter(is_child=True, score__isnull=False)
        if last_set:
            children = children.filter(pk__gt=last_set.pk)
        latest = {child.sub_content_id: child.score for child in children.order_by("created_at", "pk")}
        return xapi.score_single_choice_set(content, latest), False
    if statement.is_child:
        return None, False
    scorer = xapi.score_true_false if library == "H5P.TrueFalse" else xapi.score_multi_choice
    return scorer(content, statement.response), False
