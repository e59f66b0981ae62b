from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")

    def ready(self):
        from wagtail.images import get_image_model

        from . import bodies, framework, setup
        from .h5p import store
        from .h5p.models import H5PActivity
        from .models import Competency

        post_migrate.connect(setup.ensure, sender=self, dispatch_uid="courses.setup")
        post_delete.connect(store.delete_content_files, sender=H5PActivity, dispatch_uid="courses.h5p.files")
        for signal in (post_save, post_delete):
            signal.connect(framework.forget, sender=Competency, dispatch_uid="courses.framework")
            for model in (H5PActivity, Competency, get_image_model()):  # what module blocks refer to
                signal.connect(bodies.forget, sender=model, dispatch_uid=f"courses.bodies.{model._meta.label}")
