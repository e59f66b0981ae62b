"""What every installation needs, made after each migrate: the course catalogue, the trainer group's rights on it
(and on nothing else), and the review workflow on it. Idempotent."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from lms.accounts.models import Role
from lms.accounts.roles import role_group

from .models import CourseIndexPage
from .workflow import SecondTrainerApprovalTask

CATALOGUE_INTRODUCTION = (
    "Cursussen voor vertrouwenspersonen ongewenste omgangsvormen: over uw rol, het wettelijk kader en het "
    "gesprek met een melder. Elke cursus laat zien welke competenties u ermee oefent."
)
# Model permissions a trainer needs beyond the pages: H5P activities, and choosing competencies in blocks.
TRAINER_MODEL_PERMISSIONS = [
    ("courses", "add_h5pactivity"), ("courses", "change_h5pactivity"), ("courses", "view_h5pactivity"),
    ("courses", "view_competency"), ("wagtailadmin", "access_admin"),
]
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page"]  # publishing goes through the review workflow
TRAINER_IMAGE_PERMISSIONS = ["add_image", "choose_image"]
WORKFLOW_NAME = "Cursusreview"
TASK_NAME = "Goedkeuring door een tweede trainer"


def catalogue():
    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    home = Page.objects.filter(depth=2).first()
    if home is None or not CourseIndexPage.can_create_at(home.specific):
        return None
    page = CourseIndexPage(title="Cursussen", slug="cursussen", introduction=CATALOGUE_INTRODUCTION)
    home.specific.add_child(instance=page)
    return page


def ensure_trainer_rights(page):
    group = role_group(Role.TRAINER)
    for app_label, codename in TRAINER_MODEL_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    for codename in TRAINER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    root = Collection.get_first_root_node()
    for codename in TRAINER_IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=Permission.objects.get(content_type__app_label="wagtailimages", codename=codename),
        )
    return group


def ensure_review_workflow(page, group):
    task = SecondTrainerApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SecondTrainerApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([group])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})  # an admin may change it later
    return workflow


def ensure(**kwargs):
    """post_migrate receiver (for the courses app)."""
    for label in ("wagtailcore", "wagtailadmin", "wagtailimages", "courses"):
        create_permissions(global_apps.get_app_config(label), verbosity=0)
    page = catalogue()
    if page is None:
        return
    ensure_review_workflow(page, ensure_trainer_rights(page))
