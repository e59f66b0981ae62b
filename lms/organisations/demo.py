"""A demo employer with its admin and two linked VPs (one internal, one external); a third VP stays unlinked."""

from lms.accounts.models import User

from . import actions
from .models import Organisation, VPLink

DEMO_ORGANISATION = "Woonzorg Het Baken"
DEMO_KVK = "99000001"


def seed(stdout):
    admin = User.objects.get(email="werkgever@vp-academie.test")
    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).first()
    if organisation is None:
        organisation = actions.create_organisation(DEMO_ORGANISATION, DEMO_KVK, admins=[admin])
        stdout.write(f"  organisatie {organisation.name}")
    for email in ("marieke@vp-academie.test", "joost@vp-academie.test"):
        vp = User.objects.get(email=email)
        if not VPLink.objects.active().filter(organisation=organisation, vp=vp).exists():
            invitation = actions.invite_vp(organisation, admin, email)
            actions.accept_invitation(invitation.token, vp)
