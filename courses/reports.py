"""Trainer reports per course: enrolments, completion, scores per module and per question, and the questions most
often answered wrong. Reflections are private and never part of a report."""

import csv

from django.db.models import Avg, Count, Q

from lms.accounts.models import Role

from .h5p.models import H5PResult
from .models import Answer, Enrolment, ModuleProgress


def may_see_reports(user):
    return user.is_authenticated and (user.has_role(Role.TRAINER) or user.has_role(Role.PLATFORM_ADMIN))


def course_report(course):
    modules = list(course.modules().specific())
    enrolments = Enrolment.objects.filter(course=course).aggregate(
        total=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False)),
    )
    progress = {
        row["module_id"]: row for row in ModuleProgress.objects.filter(enrolment__course=course)
        .values("module_id").annotate(started=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False)),
                                      average=Avg("score", filter=Q(completed_at__isnull=False)))
    }
    answers = {
        (row["module_id"], row["block_id"]): row for row in Answer.objects.filter(enrolment__course=course, block_type="question")
        .values("module_id", "block_id").annotate(attempts=Count("pk"), learners=Count("enrolment", distinct=True),
                                                  average=Avg("score"), wrong=Count("pk", filter=Q(score__lt=1)))
    }
    h5p = {
        (row["module_id"], row["block_id"]): row for row in H5PResult.objects.filter(enrolment__course=course, is_child=False)
        .values("module_id", "block_id").annotate(attempts=Count("pk"), learners=Count("enrolment", distinct=True),
                                                  average=Avg("score"), self_reported=Count("pk", filter=Q(self_reported=True)))
    }
    module_rows, question_rows = [], []
    for module in modules:
        stats = progress.get(module.pk, {})
        module_rows.append({"module": module, "started": stats.get("started", 0), "completed": stats.get("completed", 0),
                            "average": stats.get("average")})
        for block in module.scored_blocks():
            if block.block_type == "question":
                label, stats = block.value["question"], answers.get((module.pk, block.id), {})
            else:
                activity = block.value["activity"]
                label, stats = f"H5P: {activity.title if activity else '?'}", h5p.get((module.pk, block.id), {})
            attempts = stats.get("attempts", 0)
            question_rows.append({
                "module": module, "block_id": block.id, "label": label, "kind": block.block_type,
                "attempts": attempts, "learners": stats.get("learners", 0), "average": stats.get("average"),
                "wrong": stats.get("wrong"), "wrong_share": (stats["wrong"] / attempts) if attempts and "wrong" in stats else None,
                "self_reported": bool(stats.get("self_reported")),
            })
    most_wrong = sorted((row for row in question_rows if row["wrong"]), key=lambda row: (-row["wrong_share"], -row["wrong"]))[:5]
    return {
        "course": course, "enrolments": enrolments["total"], "completed": enrolments["completed"],
        "completion_share": enrolments["completed"] / enrolments["total"] if enrolments["total"] else None,
        "modules": module_rows, "questions": question_rows, "most_wrong": most_wrong,
    }


def _percent(value):
    return "" if value is None else f"{round(100 * value)}"


def write_csv(report, out):
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["cursus", report["course"].title])
    writer.writerow(["inschrijvingen", report["enrolments"]])
    writer.writerow(["afgerond", report["completed"]])
    writer.writerow([])
    writer.writerow(["module", "gestart", "afgerond", "gemiddelde score (%)"])
    for row in report["modules"]:
        writer.writerow([row["module"].title, row["started"], row["completed"], _percent(row["average"])])
    writer.writerow([])
    writer.writerow(["module", "vraag", "soort", "pogingen", "deelnemers", "gemiddelde score (%)", "fout (%)", "score door activiteit gemeld"])
    for row in report["questions"]:
        writer.writerow([row["module"].title, row["label"], "H5P" if row["kind"] == "h5p" else "vraag", row["attempts"],
                         row["learners"], _percent(row["average"]), _percent(row["wrong_share"]), "ja" if row["self_reported"] else ""])
