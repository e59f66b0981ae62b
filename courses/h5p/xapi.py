"""Reading xAPI statements from the H5P player and scoring them on the server.

The player runs third-party code in the learner's browser: its score is a claim. For content types whose answer
key is in content.json the score is recomputed here from the learner's response; for the rest it is kept as
self-reported.
"""

import re
import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _

RESCORED = ("H5P.TrueFalse", "H5P.MultiChoice", "H5P.SingleChoiceSet")
SUB_CONTENT = re.compile(r"subContentId=([0-9a-fA-F-]{1,64})")


class StatementError(ValueError):
    """The statement is malformed; str(error) says why."""


@dataclass
class Statement:
    id: uuid.UUID
    verb: str
    response: str
    completed: bool
    reported_score: float | None  # 0..1
    is_child: bool
    sub_content_id: str

    @property
    def has_result(self):
        return self.reported_score is not None or self.completed or self.response != ""


def parse(data):
    if not isinstance(data, dict):
        raise StatementError(_("Het resultaat is onleesbaar."))
    try:
        statement_id = uuid.UUID(str(data.get("id", "")))
    except ValueError:
        raise StatementError(_("Het resultaat heeft geen geldig id."))
    verb = data.get("verb", {}).get("id", "") if isinstance(data.get("verb"), dict) else ""
    if not isinstance(verb, str) or not verb:
        raise StatementError(_("Het resultaat heeft geen werkwoord (verb)."))
    result = data.get("result") if isinstance(data.get("result"), dict) else {}
    response = result.get("response", "")
    object_id = data.get("object", {}).get("id", "") if isinstance(data.get("object"), dict) else ""
    context = data.get("context") if isinstance(data.get("context"), dict) else {}
    activities = context.get("contextActivities") if isinstance(context.get("contextActivities"), dict) else {}
    sub_content = SUB_CONTENT.search(object_id) if isinstance(object_id, str) else None
    return Statement(
        id=statement_id,
        verb=verb[:255],
        response=response[:2000] if isinstance(response, str) else "",
        completed=result.get("completion") is True,
        reported_score=_reported_score(result.get("score")),
        is_child=bool(activities.get("parent")) or sub_content is not None,
        sub_content_id=sub_content.group(1) if sub_content else "",
    )


def _reported_score(score):
    if not isinstance(score, dict):
        return None
    scaled, raw, maximum = score.get("scaled"), score.get("raw"), score.get("max")
    try:
        if scaled is not None:
            value = float(scaled)
        elif raw is not None and maximum:
            value = float(raw) / float(maximum)
        else:
            return None
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return min(max(value, 0.0), 1.0) if value == value else None  # NaN is no score


def _indexes(response):
    try:
        return {int(part) for part in response.split("[,]") if part != ""}
    except ValueError:
        return None


def score_true_false(content, response):
    if response not in ("true", "false"):
        return None
    return 1.0 if response == ("true" if content.get("correct") == "true" else "false") else 0.0


def score_multi_choice(content, response):
    """H5P.MultiChoice's own rule: +weight per right choice, -weight per wrong one, never below zero."""
    answers = content.get("answers") or []
    chosen = _indexes(response)
    if chosen is None or any(index < 0 or index >= len(answers) for index in chosen):
        return None
    behaviour = content.get("behaviour") or {}
    weight = lambda answer: answer.get("weight", 1) if isinstance(answer.get("weight", 1), (int, float)) else 1  # noqa: E731
    maximum = sum(weight(a) for a in answers if a.get("correct"))
    if maximum == 0:  # no answer is right: leaving it blank is
        return 1.0 if not chosen else 0.0
    raw = max(0, sum(weight(answers[i]) if answers[i].get("correct") else -weight(answers[i]) for i in chosen))
    if behaviour.get("singlePoint") or behaviour.get("type") == "single":
        pass_percentage = behaviour.get("passPercentage", 100)
        return 1.0 if 100 * raw / maximum >= pass_percentage and raw > 0 else 0.0
    return raw / maximum


def score_single_choice(response):
    """A child question of H5P.SingleChoiceSet: the first answer in content.json is always the right one."""
    return 1.0 if response == "0" else 0.0 if response.isdigit() else None


def score_single_choice_set(content, latest_child_scores):
    """The set's score from the learner's latest answer to each of its questions in this attempt."""
    choices = content.get("choices") or []
    if not choices:
        return None
    ids = [choice.get("subContentId") for choice in choices]
    return sum(latest_child_scores.get(sub_id, 0.0) for sub_id in ids) / len(choices)
