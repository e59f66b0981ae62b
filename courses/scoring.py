"""Scores computed on the server: native questions, and a learner's result per module."""

from dataclasses import dataclass, field

from .h5p.models import GradingMethod, H5PResult
from .models import Answer


def score_question(value, selected):
    """1.0 when exactly the correct options are chosen, else 0.0."""
    correct = {index for index, option in enumerate(value["options"]) if option["correct"]}
    return 1.0 if set(selected) == correct else 0.0


def graded(scores, method):
    """One score from several attempts, by the activity's grading method."""
    if not scores:
        return None
    if method == GradingMethod.LAST:
        return scores[-1]
    if method == GradingMethod.AVERAGE:
        return sum(scores) / len(scores)
    return max(scores)


@dataclass
class ModuleResult:
    scores: dict = field(default_factory=dict)  # block id -> 0..1 or None when not yet answered
    self_reported: set = field(default_factory=set)  # block ids whose score the player reported

    @property
    def scored_blocks(self):
        return len(self.scores)

    @property
    def unanswered(self):
        return [block_id for block_id, score in self.scores.items() if score is None]

    @property
    def fraction(self):
        answered = [score for score in self.scores.values() if score is not None]
        return sum(answered) / len(self.scores) if self.scores else None

    @property
    def percentage(self):
        return round(100 * self.fraction) if self.scores else None


def module_result(enrolment, module, answers=None, h5p_results=None):
    """The learner's score per scored block: best attempt for questions, the grading method for H5P."""
    if answers is None:
        answers = Answer.objects.filter(enrolment=enrolment, module=module, block_type="question")
    if h5p_results is None:
        h5p_results = H5PResult.objects.filter(enrolment=enrolment, module=module, is_child=False)
    question_scores, h5p_scores, h5p_completed, self_reported = {}, {}, set(), set()
    for answer in answers:
        if answer.score is not None:
            question_scores.setdefault(answer.block_id, []).append(answer.score)
    for h5p_result in h5p_results:
        if h5p_result.is_child:
            continue
        if h5p_result.score is not None:
            h5p_scores.setdefault(h5p_result.block_id, []).append(h5p_result.score)
        elif h5p_result.completed:
            h5p_completed.add(h5p_result.block_id)
        if h5p_result.self_reported:
            self_reported.add(h5p_result.block_id)
    result = ModuleResult(self_reported=self_reported)
    for block in module.scored_blocks():
        if block.block_type == "question":
            result.scores[block.id] = graded(question_scores.get(block.id), GradingMethod.BEST)
        else:
            activity = block.value["activity"]
            method = activity.grading_method if activity else GradingMethod.BEST
            score = graded(h5p_scores.get(block.id), method)
            if score is None and block.id in h5p_completed:
                score = 1.0  # an activity without a score (an accordion) counts as done once completed
                result.self_reported.add(block.id)
            result.scores[block.id] = score
    return result
