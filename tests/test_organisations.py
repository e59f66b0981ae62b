"""Organisations: KvK numbers, invitations and the VP's consent links.

Bad input gets a Dutch message and changes nothing.
"""

import hashlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.accounts.models import Role, User
from lms.organisations import actions
from lms.organisations.models import Invitation, Organisation, VPLink

from .conftest import make_user

KVK_MESSAGE = "Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."
NOT_ADMIN = "U beheert deze organisatie niet."


def invitation_url(token):
    return f"/organisaties/uitnodiging/{token}/"


def end_link_url(link):
    return f"/organisaties/koppeling/{link.pk}/beeindigen/"


def active_links(organisation=None, vp=None):
    links = VPLink.objects.active()
    if organisation is not None:
        links = links.filter(organisation=organisation)
    if vp is not None:
        links = links.filter(vp=vp)
    return links


@pytest.fixture
def invitation(organisation, employer_admin, vp):
    """An open invitation to `vp`; the raw token is on `.token`."""
    return actions.invite_vp(organisation, employer_admin, vp.email)


# KvK numbers


@pytest.mark.parametrize("typed, stored", [
    ("12345678", "12345678"),
    ("1234 5678", "12345678"),
    (" 12 34 56 78 ", "12345678"),
    ("12.34.56.78", "12345678"),
    ("", ""),
])
def test_create_organisation_accepts_and_normalises_kvk_numbers(db, typed, stored):
    organisation = actions.create_organisation("Stichting De Brug", typed)
    organisation.refresh_from_db()
    assert organisation.kvk_number == stored
    organisation.full_clean()


@pytest.mark.parametrize(
    "typed", ["1234567", "123456789", "abcdefgh", "1234567a", "00000000", "0000 0000", "12-34-56-78"]
)
def test_create_organisation_refuses_bad_kvk_numbers_in_dutch(db, typed):
    admin = make_user("beheerder@example.test")
    with pytest.raises(ValidationError) as refused:
        actions.create_organisation("Stichting De Brug", typed, admins=[admin])
    assert refused.value.messages == [KVK_MESSAGE]
    assert Organisation.objects.count() == 0
    assert not User.objects.get(pk=admin.pk).has_role(Role.EMPLOYER_ADMIN)


@pytest.mark.parametrize("typed", ["1234567", "abcdefgh", "00000000", "0000 0000", "1234567x", "1234 567"])
def test_model_full_clean_refuses_bad_kvk_numbers_in_dutch(db, typed):
    organisation = Organisation(name="Stichting De Brug", slug="stichting-de-brug", kvk_number=typed)
    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()
    assert KVK_MESSAGE in refused.value.message_dict["kvk_number"]


@pytest.mark.parametrize("typed, stored", [
    ("12345678", "12345678"), ("", ""), ("1234 5678", "12345678"), ("12 34 56 78", "12345678"),
])
def test_model_full_clean_accepts_and_normalises_good_kvk_numbers(db, typed, stored):
    organisation = Organisation(name="Stichting De Brug", slug="stichting-de-brug", kvk_number=typed)
    organisation.full_clean()
    assert organisation.kvk_number == stored


def test_organisations_with_the_same_name_get_their_own_address(db):
    first = actions.create_organisation("Stichting De Brug")
    second = actions.create_organisation("Stichting De Brug")
    assert first.slug == "stichting-de-brug"
    assert second.slug == "stichting-de-brug-2"


@pytest.mark.parametrize("name", ["Mijn", "Koppeling", "Uitnodiging"])
def test_an_organisation_never_takes_a_reserved_address(db, name):
    organisation = actions.create_organisation(name)
    assert organisation.slug == f"{name.lower()}-2"


def test_a_vp_can_serve_several_organisations(vp, organisation, other_organisation, employer_admin):
    for org, admin in ((organisation, employer_admin), (other_organisation, other_organisation.admins.get())):
        actions.accept_invitation(actions.invite_vp(org, admin, vp.email).token, vp)
    assert set(active_links(vp=vp).values_list("organisation__name", flat=True)) == {
        "Woonzorg Het Baken", "Gemeentelijke Dienst Noord",
    }


# Inviting and accepting


def test_invite_sends_a_dutch_email_and_accepting_creates_exactly_one_link(
    client, vp, organisation, employer_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite_vp(organisation, employer_admin, "VP@Example.test ")
    assert invitation.email == "vp@example.test"
    assert not active_links().exists()

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["vp@example.test"]
    assert email.subject == "Uitnodiging van Woonzorg Het Baken op VP-Academie"
    assert "Petra Bakker nodigt u namens Woonzorg Het Baken uit" in email.body
    assert settings.WAGTAILADMIN_BASE_URL.rstrip("/") + invitation_url(invitation.token) in email.body

    client.force_login(vp)
    page = client.get(invitation_url(invitation.token))
    assert page.status_code == 200
    assert "Uitnodiging van Woonzorg Het Baken" in page.content.decode()
    assert not active_links().exists()

    response = client.post(invitation_url(invitation.token), {"decision": "accept"})
    assert response.status_code == 302
    assert response["Location"] == "/organisaties/mijn/"
    link = active_links().get()
    assert (link.organisation, link.vp, link.invitation) == (organisation, vp, invitation)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert "U bent nu gekoppeld aan Woonzorg Het Baken." in client.get("/organisaties/mijn/").content.decode()


def test_only_the_hash_of_the_token_is_stored(invitation):
    stored = Invitation.objects.get(pk=invitation.pk)
    assert stored.token_hash == hashlib.sha256(invitation.token.encode()).hexdigest()
    assert not hasattr(stored, "token")
    row = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert invitation.token not in " ".join(str(value) for value in row.values())


def test_the_invitation_shows_on_the_vps_dashboard_before_acceptance(client, vp, invitation):
    client.force_login(vp)
    html = client.get("/account/").content.decode()
    assert "Woonzorg Het Baken vraagt u als vertrouwenspersoon." in html


def test_an_expired_invitation_is_refused_and_creates_no_link(client, vp, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(vp)
    expected = "Deze uitnodiging is verlopen. Vraag Woonzorg Het Baken om een nieuwe uitnodiging."
    page = client.get(invitation_url(invitation.token))
    assert page.status_code == 410
    assert expected in page.content.decode()
    response = client.post(invitation_url(invitation.token), {"decision": "accept"})
    assert response.status_code == 410
    with pytest.raises(actions.OrganisationError, match="verlopen"):
        actions.accept_invitation(invitation.token, vp)
    assert not VPLink.objects.exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_a_used_token_cannot_be_used_again(client, vp, invitation):
    client.force_login(vp)
    assert client.post(invitation_url(invitation.token), {"decision": "accept"}).status_code == 302
    again = client.post(invitation_url(invitation.token), {"decision": "accept"})
    assert again.status_code == 410
    assert "Deze uitnodiging is al gebruikt." in again.content.decode()
    assert VPLink.objects.count() == 1

    # Not even after the VP withdrew: a new link needs a new invitation.
    actions.withdraw_link(active_links().get(), vp)
    assert client.post(invitation_url(invitation.token), {"decision": "accept"}).status_code == 410
    assert not active_links().exists()
    assert VPLink.objects.count() == 1


def test_declining_creates_no_link_and_the_token_is_spent(client, vp, invitation):
    client.force_login(vp)
    response = client.post(invitation_url(invitation.token), {"decision": "decline"}, follow=True)
    assert "U hebt de uitnodiging van Woonzorg Het Baken afgewezen." in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).declined_at is not None
    again = client.post(invitation_url(invitation.token), {"decision": "accept"})
    assert again.status_code == 410
    assert "Deze uitnodiging is al afgewezen." in again.content.decode()
    assert not VPLink.objects.exists()


def test_a_missing_decision_changes_nothing(client, vp, invitation):
    client.force_login(vp)
    response = client.post(invitation_url(invitation.token), {"decision": "misschien"}, follow=True)
    assert "Kies of u de uitnodiging aanneemt of afwijst." in response.content.decode()
    stored = Invitation.objects.get(pk=invitation.pk)
    assert stored.is_open
    assert not VPLink.objects.exists()


def test_a_cancelled_invitation_is_refused(client, vp, invitation, employer_admin, organisation):
    client.force_login(employer_admin)
    response = client.post(f"/organisaties/{organisation.slug}/uitnodigingen/{invitation.pk}/intrekken/", follow=True)
    assert "De uitnodiging aan vp@example.test is ingetrokken." in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).cancelled_at is not None

    client.force_login(vp)
    refused = client.post(invitation_url(invitation.token), {"decision": "accept"})
    assert refused.status_code == 410
    assert "Deze uitnodiging is ingetrokken of vervangen door een nieuwere." in refused.content.decode()
    assert not VPLink.objects.exists()


def test_cancelling_twice_says_so_in_dutch(invitation, employer_admin):
    actions.cancel_invitation(invitation, employer_admin)
    with pytest.raises(actions.OrganisationError, match="Deze uitnodiging staat niet meer open."):
        actions.cancel_invitation(Invitation.objects.get(pk=invitation.pk), employer_admin)


def test_a_token_for_another_address_is_refused(client, other_vp, invitation):
    client.force_login(other_vp)
    page = client.get(invitation_url(invitation.token))
    assert page.status_code == 410
    assert "Deze uitnodiging is voor een ander e-mailadres." in page.content.decode()
    assert client.post(invitation_url(invitation.token), {"decision": "accept"}).status_code == 410
    with pytest.raises(actions.OrganisationError, match="ander e-mailadres"):
        actions.accept_invitation(invitation.token, other_vp)
    assert not VPLink.objects.exists()
    assert Invitation.objects.get(pk=invitation.pk).is_open


@pytest.mark.parametrize("token", ["onzin", "x" * 43, "x" * 500])
def test_a_garbage_token_is_a_404_with_a_dutch_message(client, vp, invitation, token):
    for logged_in in (False, True):
        if logged_in:
            client.force_login(vp)
        response = client.post(invitation_url(token), {"decision": "accept"})
        assert response.status_code == 404
        assert "Deze uitnodiging bestaat niet." in response.content.decode()
    with pytest.raises(actions.OrganisationError, match="bestaat niet"):
        actions.accept_invitation(token, vp)
    assert not VPLink.objects.exists()


def test_accepting_while_already_linked_is_a_conflict(client, linked_vp, organisation, employer_admin):
    """Two open invitations can only exist through a race; the second acceptance must not make a second link."""
    token = "een-tweede-open-uitnodiging-uit-een-race-0001"
    Invitation.objects.create(
        organisation=organisation, email=linked_vp.email, invited_by=employer_admin,
        token_hash=actions.token_hash(token), expires_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(linked_vp)
    response = client.post(invitation_url(token), {"decision": "accept"})
    assert response.status_code == 409
    assert "U bent al aan deze organisatie gekoppeld." in response.content.decode()
    assert active_links(organisation, linked_vp).count() == 1


def test_reinviting_cancels_the_older_open_invitation(client, vp, organisation, employer_admin):
    first = actions.invite_vp(organisation, employer_admin, vp.email)
    second = actions.invite_vp(organisation, employer_admin, "Vp@example.test")
    assert Invitation.objects.get(pk=first.pk).cancelled_at is not None
    assert Invitation.objects.get(pk=second.pk).is_open
    client.force_login(vp)
    assert client.post(invitation_url(first.token), {"decision": "accept"}).status_code == 410
    assert not VPLink.objects.exists()
    assert client.post(invitation_url(second.token), {"decision": "accept"}).status_code == 302
    assert active_links().get().invitation == Invitation.objects.get(pk=second.pk)


def test_reinviting_leaves_other_organisations_invitations_alone(vp, organisation, employer_admin, other_organisation):
    theirs = actions.invite_vp(other_organisation, other_organisation.admins.get(), vp.email)
    actions.invite_vp(organisation, employer_admin, vp.email)
    assert Invitation.objects.get(pk=theirs.pk).is_open


def test_inviting_a_linked_vp_again_is_refused(client, linked_vp, organisation, employer_admin):
    before = Invitation.objects.count()
    client.force_login(employer_admin)
    response = client.post(f"/organisaties/{organisation.slug}/", {"email": linked_vp.email.upper()})
    assert response.status_code == 200
    assert "Deze vertrouwenspersoon is al aan uw organisatie gekoppeld." in response.content.decode()
    assert Invitation.objects.count() == before


def test_the_invite_form_sends_an_invitation(
    client, organisation, employer_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organisaties/{organisation.slug}/", {"email": "nieuwe-vp@example.test"})
    assert response.status_code == 302
    assert Invitation.objects.get().email == "nieuwe-vp@example.test"
    assert [m.to for m in mailoutbox] == [["nieuwe-vp@example.test"]]
    page = client.get(f"/organisaties/{organisation.slug}/").content.decode()
    assert "Uitnodiging verstuurd naar nieuwe-vp@example.test." in page
    assert "Openstaande uitnodigingen" in page


@pytest.mark.parametrize("email", ["", "geen-adres", "vp@", "@example.test"])
def test_the_invite_form_refuses_a_bad_address_in_dutch(client, organisation, employer_admin, mailoutbox, email):
    client.force_login(employer_admin)
    response = client.post(f"/organisaties/{organisation.slug}/", {"email": email})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voer een geldig e-mailadres in." in html or "Dit is een verplicht veld." in html
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_only_organisation_admins_can_invite(client, organisation, other_organisation, vp, mailoutbox):
    outsider = other_organisation.admins.get()
    for user in (outsider, vp):
        with pytest.raises(actions.OrganisationError, match=NOT_ADMIN):
            actions.invite_vp(organisation, user, "iemand@example.test")
        client.force_login(user)
        assert client.post(f"/organisaties/{organisation.slug}/", {"email": "iemand@example.test"}).status_code == 404
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_only_organisation_admins_can_cancel_invitations(client, invitation, organisation, other_organisation, vp):
    outsider = other_organisation.admins.get()
    for user in (outsider, vp):
        with pytest.raises(actions.OrganisationError, match=NOT_ADMIN):
            actions.cancel_invitation(invitation, user)
        client.force_login(user)
        cancel_url = f"/organisaties/{organisation.slug}/uitnodigingen/{invitation.pk}/intrekken/"
        assert client.post(cancel_url).status_code == 404
        # Nor through their own organisation's address.
        assert client.post(
            f"/organisaties/{other_organisation.slug}/uitnodigingen/{invitation.pk}/intrekken/"
        ).status_code == 404
    assert Invitation.objects.get(pk=invitation.pk).is_open


def test_cancel_invitation_is_post_only(client, invitation, organisation, employer_admin):
    client.force_login(employer_admin)
    assert client.get(f"/organisaties/{organisation.slug}/uitnodigingen/{invitation.pk}/intrekken/").status_code == 405
    assert Invitation.objects.get(pk=invitation.pk).is_open


# An invitee without an account, or not logged in


@pytest.fixture
def newcomer_invitation(organisation, employer_admin):
    return actions.invite_vp(organisation, employer_admin, "nieuw@example.test")


def register(client, token, password1="veilig-genoeg-wachtwoord-42", password2=None, **fields):
    data = {"first_name": "Noor", "last_name": "de Wit", "password1": password1, "password2": password2 or password1}
    data.update(fields)
    return client.post(invitation_url(token), data)


def test_an_invitee_without_an_account_registers_and_ends_up_linked_and_logged_in(
    client, newcomer_invitation, organisation
):
    page = client.get(invitation_url(newcomer_invitation.token))
    assert page.status_code == 200
    assert "Maak een account aan voor nieuw@example.test." in page.content.decode()

    response = register(client, newcomer_invitation.token)
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    user = User.objects.get(email="nieuw@example.test")
    assert (user.first_name, user.last_name) == ("Noor", "de Wit")
    assert user.check_password("veilig-genoeg-wachtwoord-42")
    assert user.has_role(Role.VP)
    assert client.session[SESSION_KEY] == str(user.pk)
    assert active_links(organisation, user).count() == 1
    dashboard = client.get("/account/").content.decode()
    assert "Welkom! U bent nu gekoppeld aan Woonzorg Het Baken." in dashboard


@pytest.mark.parametrize("password1, password2, message", [
    ("kort-1", None, "Dit wachtwoord is te kort."),
    ("1234567890123", None, "Dit wachtwoord bevat alleen cijfers."),
    ("qwertyuiop", None, "Dit wachtwoord is te algemeen."),
    ("veilig-genoeg-wachtwoord-42", "iets-heel-anders-99", "De twee wachtwoorden zijn niet gelijk."),
])
def test_registration_refuses_bad_passwords_in_dutch(client, newcomer_invitation, password1, password2, message):
    response = register(client, newcomer_invitation.token, password1, password2)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.test").exists()
    assert not VPLink.objects.exists()
    assert Invitation.objects.get(pk=newcomer_invitation.pk).is_open
    assert SESSION_KEY not in client.session


def test_registration_needs_a_name(client, newcomer_invitation):
    response = register(client, newcomer_invitation.token, first_name="", last_name="")
    assert response.status_code == 200
    assert response.content.decode().count("Dit is een verplicht veld.") == 2
    assert not User.objects.filter(email="nieuw@example.test").exists()


def test_registration_cannot_reuse_the_invitation(client, newcomer_invitation):
    assert register(client, newcomer_invitation.token).status_code == 302
    client.post("/account/uitloggen/")
    again = register(client, newcomer_invitation.token, first_name="Kwaad")
    assert again.status_code == 410
    assert User.objects.filter(email="nieuw@example.test").count() == 1
    assert User.objects.get(email="nieuw@example.test").first_name == "Noor"


def test_an_invitee_with_an_account_is_sent_to_login_and_can_then_accept(client, vp, invitation, organisation):
    response = client.get(invitation_url(invitation.token))
    assert response.status_code == 302
    assert response["Location"] == f"/account/inloggen/?next={invitation_url(invitation.token)}"
    # Posting a registration for an existing account changes nothing either.
    assert register(client, invitation.token).status_code == 302
    assert User.objects.filter(email=vp.email).count() == 1
    assert vp.check_password("een-lang-wachtwoord-1")
    assert not VPLink.objects.exists()

    login = client.post(
        "/account/inloggen/",
        {"username": vp.email, "password": "een-lang-wachtwoord-1", "next": invitation_url(invitation.token)},
    )
    assert login.status_code == 302
    assert login["Location"] == invitation_url(invitation.token)
    assert client.post(invitation_url(invitation.token), {"decision": "accept"}).status_code == 302
    assert active_links(organisation, vp).count() == 1


# Ending a link


def test_the_vp_withdraws_and_the_employer_no_longer_sees_the_vp(client, linked_vp, organisation, employer_admin):
    link = active_links().get()
    client.force_login(employer_admin)
    vp_page = f"/organisaties/{organisation.slug}/vertrouwenspersonen/{linked_vp.pk}/"
    assert client.get(vp_page).status_code == 200
    assert "Marieke van den Berg" in client.get(f"/organisaties/{organisation.slug}/").content.decode()

    client.force_login(linked_vp)
    response = client.post(end_link_url(link), follow=True)
    assert response.redirect_chain[-1][0] == "/organisaties/mijn/"
    assert "De koppeling met Woonzorg Het Baken is beëindigd." in response.content.decode()
    link.refresh_from_db()
    assert link.withdrawn_at is not None
    assert link.withdrawn_by == linked_vp

    client.force_login(employer_admin)
    assert client.get(vp_page).status_code == 404
    detail = client.get(f"/organisaties/{organisation.slug}/").content.decode()
    assert "Marieke" not in detail and "van den Berg" not in detail


def test_ending_an_ended_link_says_so(client, linked_vp):
    link = active_links().get()
    client.force_login(linked_vp)
    client.post(end_link_url(link))
    withdrawn_at = VPLink.objects.get(pk=link.pk).withdrawn_at
    response = client.post(end_link_url(link), follow=True)
    assert "Deze koppeling is al beëindigd." in response.content.decode()
    assert VPLink.objects.get(pk=link.pk).withdrawn_at == withdrawn_at


def test_an_employer_admin_can_end_a_link(client, linked_vp, organisation, employer_admin):
    link = active_links().get()
    client.force_login(employer_admin)
    response = client.post(end_link_url(link))
    assert response.status_code == 302
    assert response["Location"] == f"/organisaties/{organisation.slug}/"
    link.refresh_from_db()
    assert link.withdrawn_at is not None
    assert link.withdrawn_by == employer_admin


def test_a_vp_cannot_end_another_vps_link(client, linked_vp, other_vp):
    link = active_links().get()
    client.force_login(other_vp)
    assert client.post(end_link_url(link)).status_code == 404
    with pytest.raises(actions.OrganisationError, match="U kunt deze koppeling niet beëindigen."):
        actions.withdraw_link(link, other_vp)
    link.refresh_from_db()
    assert link.withdrawn_at is None and link.withdrawn_by is None


def test_another_organisations_admin_cannot_end_a_link(client, linked_vp, other_organisation):
    link = active_links().get()
    client.force_login(other_organisation.admins.get())
    assert client.post(end_link_url(link)).status_code == 404
    assert VPLink.objects.get(pk=link.pk).withdrawn_at is None


def test_end_link_is_post_only(client, linked_vp):
    link = active_links().get()
    client.force_login(linked_vp)
    assert client.get(end_link_url(link)).status_code == 405
    assert VPLink.objects.get(pk=link.pk).withdrawn_at is None


def test_after_withdrawing_a_new_invitation_links_again(client, linked_vp, organisation, employer_admin):
    actions.withdraw_link(active_links().get(), linked_vp)
    invitation = actions.invite_vp(organisation, employer_admin, linked_vp.email)
    client.force_login(linked_vp)
    assert client.post(invitation_url(invitation.token), {"decision": "accept"}).status_code == 302
    assert active_links(organisation, linked_vp).count() == 1
    assert VPLink.objects.filter(organisation=organisation, vp=linked_vp).count() == 2


# Deleting


def test_a_platform_admin_can_delete_an_organisation_with_links(
    client, linked_vp, organisation, platform_admin, other_vp, employer_admin
):
    actions.accept_invitation(actions.invite_vp(organisation, employer_admin, other_vp.email).token, other_vp)
    actions.withdraw_link(active_links(vp=other_vp).get(), other_vp)
    actions.invite_vp(organisation, employer_admin, "open@example.test")
    client.force_login(platform_admin)
    response = client.post(f"/beheer/organisaties/delete/{organisation.pk}/")
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not VPLink.objects.exists()
    assert not Invitation.objects.exists()
    assert User.objects.filter(pk=linked_vp.pk).exists()


def test_an_accepted_invitation_cannot_be_deleted_on_its_own(linked_vp):
    from django.db.models import RestrictedError

    link = active_links().get()
    with pytest.raises(RestrictedError):
        link.invitation.delete()
    assert VPLink.objects.filter(pk=link.pk).exists()


def test_deleting_a_vps_account_removes_their_links(linked_vp, organisation):
    linked_vp.delete()
    assert not VPLink.objects.exists()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


# The read API other apps use


def test_employer_can_see_vp_only_while_linked(vp, organisation, employer_admin, other_organisation, platform_admin):
    from lms.organisations import queries

    outsider = other_organisation.admins.get()
    invitation = actions.invite_vp(organisation, employer_admin, vp.email)
    assert not queries.employer_can_see_vp(employer_admin, vp)
    assert list(queries.organisations_employing(vp)) == []

    actions.accept_invitation(invitation.token, vp)
    assert queries.employer_can_see_vp(employer_admin, vp)
    assert not queries.employer_can_see_vp(outsider, vp)
    assert queries.employer_can_see_vp(platform_admin, vp)
    assert list(queries.organisations_employing(vp)) == [organisation]

    actions.withdraw_link(active_links().get(), vp)
    assert not queries.employer_can_see_vp(employer_admin, vp)
    assert list(queries.organisations_employing(vp)) == []


@pytest.mark.parametrize("email", ["", "geen-adres", "a@b", "twee@adressen.nl, nog@een.nl"])
def test_invite_vp_refuses_a_bad_address_itself(organisation, employer_admin, email):
    with pytest.raises(actions.OrganisationError, match="geldig e-mailadres"):
        actions.invite_vp(organisation, employer_admin, email)
    assert not Invitation.objects.exists()
