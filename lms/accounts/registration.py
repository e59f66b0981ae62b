"""Creating accounts. Accounts are made by invitation or by a platform admin; there is no open sign-up."""

from django.db import transaction

from .models import Role, User
from .roles import grant_role


@transaction.atomic
def register_user(email, first_name, last_name, password, roles=(Role.VP,)):
    user = User.objects.create_user(email=email, password=password, first_name=first_name, last_name=last_name)
    for role in roles:
        grant_role(user, role)
    return user
