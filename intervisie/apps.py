from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class IntervisieConfig(AppConfig):
    name = "intervisie"
    verbose_name = _("Intervisie")

    def ready(self):
        from django.contrib.auth import get_user_model

        from .receivers import account_saved

        post_save.connect(account_saved, sender=get_user_model(), dispatch_uid="intervisie.account_saved")
