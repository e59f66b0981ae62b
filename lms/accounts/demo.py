"""Demo accounts. The password is for a local machine only and is documented in README.md."""

from .models import Role, User
from .roles import grant_role

DEMO_PASSWORD = "demo-wachtwoord-2026"

DEMO_USERS = [
    # email, first name, last name, roles
    ("beheer@vp-academie.test", "Bram", "Visser", [Role.PLATFORM_ADMIN]),
    ("trainer@vp-academie.test", "Sanne", "de Vries", [Role.TRAINER]),
    ("gespreksleider@vp-academie.test", "Ahmed", "El Amrani", [Role.FACILITATOR, Role.VP]),
    ("marieke@vp-academie.test", "Marieke", "van den Berg", [Role.VP]),
    ("joost@vp-academie.test", "Joost", "Jansen", [Role.VP]),
    ("fatma@vp-academie.test", "Fatma", "Yılmaz", [Role.VP]),
    ("werkgever@vp-academie.test", "Petra", "Bakker", []),
]


def seed(stdout):
    for email, first_name, last_name, roles in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, first_name=first_name, last_name=last_name)
            stdout.write(f"  gebruiker {email}")
        for role in roles:
            if not user.has_role(role):
                grant_role(user, role)
