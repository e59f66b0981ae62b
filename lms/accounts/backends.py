"""Django's ModelBackend, whose user of a request comes with their roles: one query where every page took two (the
navigation shows what the roles give)."""

from django.contrib.auth.backends import ModelBackend

from .models import User


class ModelBackendWithRoles(ModelBackend):
    def get_user(self, user_id):
        try:
            user = User._default_manager.get_with_roles(user_id)
        except (User.DoesNotExist, ValueError):
            return None
        return user if self.user_can_authenticate(user) else None
