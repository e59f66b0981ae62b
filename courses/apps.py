from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")

    def ready(self):
        from . import setup

        post_migrate.connect(setup.ensure, sender=self, dispatch_uid="courses.setup")
