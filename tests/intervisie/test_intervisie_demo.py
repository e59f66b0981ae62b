from io import StringIO

from django.core.management import call_command

from intervisie.demo import GROUP_NAME
from intervisie.models import Group, Session


def test_seed_demo_creates_the_group_once(db, incident_method):
    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())
    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())
    group = Group.objects.get(name=GROUP_NAME)
    assert group.facilitator.email == "gespreksleider@vp-academie.test"
    assert sorted(m.user.email for m in group.memberships.all()) == [
        "fatma@vp-academie.test", "joost@vp-academie.test", "marieke@vp-academie.test"]
    assert Session.objects.filter(group=group, status="planned").count() == 1
