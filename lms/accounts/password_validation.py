"""Password rules with Dutch messages (used in settings.AUTH_PASSWORD_VALIDATORS).

Django 5.2 changed the text of MinimumLengthValidator's error ("%d" for "%(min_length)d") and its Dutch catalogue
still has the old one, so a too short password got an English error. This one gives it in Dutch.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d teken bevatten.",
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}
