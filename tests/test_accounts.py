"""Accounts: logging in by e-mail, lockout, password reset, logout, and the roles a person has."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group

from lms.accounts.backends import ModelBackendWithRoles
from lms.accounts.models import Role, User
from lms.accounts.roles import grant_role, revoke_role
from lms.organisations import actions

from .conftest import make_user

LOGIN_URL = "/account/inloggen/"
PASSWORD = "een-lang-wachtwoord-1"
WRONG_LOGIN = "Dit e-mailadres en wachtwoord horen niet bij elkaar."
LOCKED_OUT = "Inloggen tijdelijk geblokkeerd"


def post_login(client, email, password):
    return client.post(LOGIN_URL, {"username": email, "password": password})


# Logging in


def test_login_page_is_dutch(client, db):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "E-mailadres" in html
    assert "Wachtwoord vergeten?" in html


@pytest.mark.parametrize("typed", ["vp@example.test", "VP@Example.TEST", "  Vp@example.test "])
def test_login_by_email_in_any_case_reaches_the_dashboard(client, vp, typed):
    response = post_login(client, typed, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session[SESSION_KEY] == str(vp.pk)
    dashboard = client.get("/account/")
    assert dashboard.status_code == 200
    assert "Welkom, Marieke" in dashboard.content.decode()


def test_login_follows_a_safe_next_url(client, vp):
    response = client.post(LOGIN_URL, {"username": vp.email, "password": PASSWORD, "next": "/organisaties/mijn/"})
    assert response.status_code == 302
    assert response["Location"] == "/organisaties/mijn/"


def test_login_ignores_a_next_url_on_another_site(client, vp):
    response = client.post(LOGIN_URL, {"username": vp.email, "password": PASSWORD, "next": "https://kwaad.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_wrong_password_shows_dutch_error_and_logs_nobody_in(client, vp):
    response = post_login(client, vp.email, "niet-het-wachtwoord")
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.get("/account/").status_code == 302


def test_unknown_address_gets_the_same_message(client, db):
    response = post_login(client, "niemand@example.test", "wat-dan-ook-123")
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_with_an_invalid_email_is_refused_in_dutch(client, db):
    response = post_login(client, "geen-e-mailadres", PASSWORD)
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_inactive_account_cannot_log_in(client, vp):
    vp.is_active = False
    vp.save()
    response = post_login(client, vp.email, PASSWORD)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_logged_in_user_is_sent_on_from_the_login_page(client, vp):
    client.force_login(vp)
    response = client.get(LOGIN_URL)
    assert response.status_code == 302
    assert response["Location"] == "/account/"


# Lockout


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, vp):
    for attempt in range(4):
        response = post_login(client, vp.email, f"fout-{attempt}-wachtwoord")
        assert response.status_code == 200, attempt
        assert WRONG_LOGIN in response.content.decode()
    fifth = post_login(client, vp.email, "fout-4-wachtwoord")
    assert fifth.status_code == 429
    assert LOCKED_OUT in fifth.content.decode()

    locked = post_login(client, vp.email, PASSWORD)
    assert locked.status_code == 429
    assert LOCKED_OUT in locked.content.decode()
    assert "Probeer het over 15 minuten opnieuw" in locked.content.decode()
    assert SESSION_KEY not in client.session


def test_lockout_cannot_be_dodged_by_changing_the_case_of_the_address(client, vp):
    for attempt, typed in enumerate(["vp@example.test", "VP@example.test", "Vp@Example.test", "vP@example.TEST"]):
        post_login(client, typed, f"fout-{attempt}-wachtwoord")
    assert post_login(client, "VP@EXAMPLE.TEST", "fout-5-wachtwoord").status_code == 429
    assert post_login(client, "vp@example.test", PASSWORD).status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_is_per_address(client, vp, other_vp):
    for attempt in range(5):
        post_login(client, vp.email, f"fout-{attempt}-wachtwoord")
    assert post_login(client, vp.email, PASSWORD).status_code == 429
    response = post_login(client, other_vp.email, PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(other_vp.pk)


def test_a_successful_login_resets_the_failure_count(client, vp):
    for attempt in range(4):
        post_login(client, vp.email, f"fout-{attempt}-wachtwoord")
    assert post_login(client, vp.email, PASSWORD).status_code == 302
    client.post("/account/uitloggen/")
    assert not AccessAttempt.objects.filter(username=vp.email).exists()
    for attempt in range(4):
        assert post_login(client, vp.email, f"nog-eens-{attempt}-fout").status_code == 200
    assert post_login(client, vp.email, PASSWORD).status_code == 302


# Password reset


def test_password_reset_sends_a_dutch_email_whose_link_sets_a_new_password(client, vp, mailoutbox):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "VP@example.test"})
    assert response.status_code == 302
    assert response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    assert "Controleer uw e-mail" in client.get(response["Location"]).content.decode()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [vp.email]
    assert message.subject == "Nieuw wachtwoord voor VP-Academie"
    assert "Stel een nieuw wachtwoord in via deze link" in message.body
    link = re.search(r"https?://testserver(/account/wachtwoord-instellen/\S+/)", message.body).group(1)

    form_url = client.get(link)["Location"]  # Django swaps the token for a session and redirects
    form_page = client.get(form_url)
    assert form_page.status_code == 200
    assert "Nieuw wachtwoord instellen" in form_page.content.decode()
    assert "Deze link is verlopen" not in form_page.content.decode()

    new_password = {"new_password1": "nieuw-geheim-wachtwoord-7", "new_password2": "nieuw-geheim-wachtwoord-7"}
    done = client.post(form_url, new_password)
    assert done.status_code == 302
    assert done["Location"] == "/account/wachtwoord-instellen/klaar/"
    vp.refresh_from_db()
    assert vp.check_password("nieuw-geheim-wachtwoord-7")
    assert not vp.check_password(PASSWORD)

    assert post_login(client, vp.email, PASSWORD).status_code == 200
    assert post_login(client, vp.email, "nieuw-geheim-wachtwoord-7").status_code == 302

    # The link works once.
    client.post("/account/uitloggen/")
    reused = client.get(link, follow=True)
    assert "Deze link is verlopen of al gebruikt." in reused.content.decode()


def test_password_reset_refuses_a_weak_password_in_dutch(client, vp, mailoutbox):
    client.post("/account/wachtwoord-vergeten/", {"email": vp.email})
    link = re.search(r"https?://testserver(/account/wachtwoord-instellen/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
    vp.refresh_from_db()
    assert vp.check_password(PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, db, mailoutbox):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "onbekend@example.test"})
    assert response.status_code == 302
    assert response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    assert mailoutbox == []


def test_password_reset_with_a_forged_token_is_refused(client, vp):
    response = client.get("/account/wachtwoord-instellen/MQ/verzonnen-token/")
    assert response.status_code == 200
    assert "Deze link is verlopen of al gebruikt." in response.content.decode()


# Logout


def test_logout_is_post_only(client, vp):
    client.force_login(vp)
    assert client.get("/account/uitloggen/").status_code == 405
    assert client.session[SESSION_KEY] == str(vp.pk)
    response = client.post("/account/uitloggen/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get("/account/").status_code == 302


# Roles


def test_a_new_user_has_no_roles(db):
    user = make_user("nieuw@example.test")
    assert user.roles == frozenset()
    assert not any(user.has_role(role) for role in Role)


def test_grant_and_revoke_group_roles(db):
    user = make_user("rollen@example.test")
    grant_role(user, Role.VP)
    grant_role(user, Role.FACILITATOR)
    assert user.roles == {Role.VP, Role.FACILITATOR}
    fresh = User.objects.get(pk=user.pk)
    assert fresh.has_role(Role.VP) and fresh.has_role(Role.FACILITATOR)
    assert not fresh.has_role(Role.TRAINER)
    assert set(fresh.groups.values_list("name", flat=True)) == {"vp", "facilitator"}

    revoke_role(user, Role.FACILITATOR)
    assert user.roles == {Role.VP}
    assert User.objects.get(pk=user.pk).roles == {Role.VP}


def test_granting_a_role_twice_changes_nothing(db):
    user = make_user("twee-keer@example.test", Role.VP)
    grant_role(user, Role.VP)
    assert user.groups.count() == 1
    assert Group.objects.filter(name="vp").count() == 1


def test_platform_admin_is_a_superuser(db):
    user = make_user("baas@example.test")
    grant_role(user, Role.PLATFORM_ADMIN)
    user.refresh_from_db()
    assert user.is_superuser and user.is_staff
    assert user.has_role(Role.PLATFORM_ADMIN)
    assert User.objects.get(pk=user.pk).has_role(Role.PLATFORM_ADMIN)

    revoke_role(user, Role.PLATFORM_ADMIN)
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff
    assert not User.objects.get(pk=user.pk).has_role(Role.PLATFORM_ADMIN)


def test_a_created_superuser_is_a_platform_admin(db):
    user = User.objects.create_superuser("super@example.test", "een-lang-wachtwoord-1")
    assert user.roles == {Role.PLATFORM_ADMIN}


def test_trainer_group_gives_wagtail_access(db):
    trainer = make_user("schrijver@example.test", Role.TRAINER)
    assert User.objects.get(pk=trainer.pk).has_perm("wagtailadmin.access_admin")
    vp = make_user("leerling@example.test", Role.VP)
    assert not User.objects.get(pk=vp.pk).has_perm("wagtailadmin.access_admin")


def test_employer_admin_is_derived_from_administering_an_organisation(db):
    user = make_user("werkgever2@example.test")
    assert not user.has_role(Role.EMPLOYER_ADMIN)
    organisation = actions.create_organisation("Stichting De Brug")
    actions.add_organisation_admin(organisation, user)
    assert user.has_role(Role.EMPLOYER_ADMIN)
    assert User.objects.get(pk=user.pk).roles == {Role.EMPLOYER_ADMIN}
    organisation.admins.remove(user)
    assert not User.objects.get(pk=user.pk).has_role(Role.EMPLOYER_ADMIN)


@pytest.mark.parametrize("role", [Role.EMPLOYER_ADMIN])
def test_employer_admin_cannot_be_granted_or_revoked_directly(db, role):
    user = make_user("direct@example.test")
    with pytest.raises(ValueError):
        grant_role(user, role)
    with pytest.raises(ValueError):
        revoke_role(user, role)
    assert User.objects.get(pk=user.pk).roles == frozenset()


def test_an_inactive_user_has_no_role(db):
    user = make_user("weg@example.test", Role.VP, Role.TRAINER)
    user.is_active = False
    user.save()
    user = User.objects.get(pk=user.pk)
    assert not user.has_role(Role.VP)
    assert not user.has_role(Role.TRAINER)


def test_a_group_named_after_a_derived_role_gives_no_role(db):
    user = make_user("slim@example.test")
    for role in (Role.PLATFORM_ADMIN, Role.EMPLOYER_ADMIN):
        user.groups.add(Group.objects.create(name=role.value))
    user = User.objects.get(pk=user.pk)
    assert not user.has_role(Role.PLATFORM_ADMIN)
    assert not user.has_role(Role.EMPLOYER_ADMIN)


def test_emails_are_stored_in_lower_case_and_unique(db):
    user = User.objects.create_user("Hoofd.Letters@Example.TEST", "een-lang-wachtwoord-1")
    assert user.email == "hoofd.letters@example.test"
    assert User.objects.get_by_natural_key("HOOFD.letters@example.test") == user


def test_dashboard_shows_a_section_per_role(client, facilitator):
    client.force_login(facilitator)
    html = client.get("/account/").content.decode()
    assert "Als vertrouwenspersoon" in html
    assert "Als gespreksleider intervisie" in html
    assert "Als trainer" not in html
    assert "Als werkgever" not in html
    assert "Als platformbeheerder" not in html


def test_wagtail_admin_login_counts_towards_the_same_lockout(client, trainer):
    for attempt in range(5):
        client.post("/beheer/login/", {"username": trainer.email.upper(), "password": f"fout-{attempt}-wachtwoord"})
    response = post_login(client, trainer.email, PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert client.post("/beheer/login/", {"username": trainer.email, "password": PASSWORD}).status_code == 429
    assert SESSION_KEY not in client.session


def test_role_changes_show_at_once_on_the_requests_lazy_user(db):
    """request.user is a SimpleLazyObject: a role given or taken during the request must show on it straight away."""
    from django.utils.functional import SimpleLazyObject

    user = make_user("lui@example.test", Role.VP)
    lazy = SimpleLazyObject(lambda: user)
    assert lazy.roles == {Role.VP}
    grant_role(lazy, Role.TRAINER)
    assert lazy.has_role(Role.TRAINER)
    revoke_role(lazy, Role.VP)
    assert not lazy.has_role(Role.VP)
    organisation = actions.create_organisation("Stichting De Brug")
    actions.add_organisation_admin(organisation, lazy)
    assert lazy.has_role(Role.EMPLOYER_ADMIN)


def test_an_address_differing_only_in_case_cannot_be_added_in_the_wagtail_admin(client, vp, platform_admin):
    client.force_login(platform_admin)
    response = client.post("/beheer/users/new/", {
        "email": "VP@Example.TEST", "first_name": "Dubbel", "last_name": "Account",
        "password1": "een-lang-wachtwoord-9", "password2": "een-lang-wachtwoord-9",
    })
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    assert list(User.objects.filter(email__iexact=vp.email).values_list("email", flat=True)) == [vp.email]
    client.logout()
    assert post_login(client, vp.email, PASSWORD).status_code == 302


def test_a_user_added_in_the_wagtail_admin_gets_a_lower_case_address(client, platform_admin):
    client.force_login(platform_admin)
    response = client.post("/beheer/users/new/", {
        "email": "Nieuwe.Trainer@Example.TEST", "first_name": "Nieuwe", "last_name": "Trainer",
        "password1": "een-lang-wachtwoord-9", "password2": "een-lang-wachtwoord-9",
    })
    assert response.status_code == 302
    assert User.objects.filter(email="nieuwe.trainer@example.test").exists()


def test_a_new_password_lifts_the_lockout(client, vp, mailoutbox):
    for attempt in range(5):
        post_login(client, vp.email, f"fout-{attempt}-wachtwoord")
    locked = client.get(LOGIN_URL)  # the page itself still shows; the next attempt is refused
    assert locked.status_code == 200
    assert post_login(client, vp.email, PASSWORD).status_code == 429

    client.post("/account/wachtwoord-vergeten/", {"email": vp.email})
    link = re.search(r"https?://testserver(/account/wachtwoord-instellen/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "nieuw-geheim-wachtwoord-7", "new_password2": "nieuw-geheim-wachtwoord-7"})
    assert post_login(client, vp.email, "nieuw-geheim-wachtwoord-7").status_code == 302
    assert client.session[SESSION_KEY] == str(vp.pk)


def test_the_request_user_comes_with_the_same_roles_in_one_query(db, django_assert_num_queries):
    """lms.accounts.backends: the user of a request is loaded with their roles, which the navigation of every page
    needs; the roles must be those that User.roles computes, for every mix of groups and organisations."""
    backend = ModelBackendWithRoles()
    several = make_user("veel@example.test", Role.VP, Role.TRAINER, Role.FACILITATOR)
    for name in ("Stichting De Brug", "Gemeente Zuid"):
        actions.add_organisation_admin(actions.create_organisation(name), several)
    admin = User.objects.create_superuser("beheer@example.test", "een-lang-wachtwoord-1")
    for user in (make_user("niets@example.test"), make_user("vp-alleen@example.test", Role.VP), several, admin):
        with django_assert_num_queries(1):
            loaded = backend.get_user(user.pk)
            roles = loaded.roles
        assert roles == User.objects.get(pk=user.pk).roles
        assert (loaded.pk, loaded.email) == (user.pk, user.email)
    assert several.roles == {Role.VP, Role.TRAINER, Role.FACILITATOR, Role.EMPLOYER_ADMIN}
    assert backend.get_user(10**9) is None
    assert backend.get_user("geen-nummer") is None
    inactive = make_user("inactief@example.test", Role.VP)
    inactive.is_active = False
    inactive.save()
    assert backend.get_user(inactive.pk) is None
