"""What a coordinator relies on when setting up a partnership: content languages changed and
removed in the workspace, SDG targets grouped by goal with a search, an event's place found
in GeoNames, and the workspace's numbers written as the page's language writes them."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.languages import content_language_info
from twinplan.core.models import ContentLanguage
from twinplan.core.services import content_language_add
from twinplan.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(username="netadmin", is_superuser=True, is_staff=True, language="de")


def _as(client, user):
    client.force_login(user)
    return client


def _edit_url(language):
    return reverse("network:language_edit", args=[language.pk])


# --- content languages: change and remove ------------------------------------------------


def test_an_added_language_is_renamed_and_its_direction_changed_at_once(client, admin_user):
    spanish = content_language_add(by=admin_user, code="es")
    response = _as(client, admin_user).post(
        _edit_url(spanish), {"name": "Español (Nicaragua)", "script": "latn",
                             "direction": "rtl"})
    assert response.status_code == 302
    info = content_language_info("es")
    assert info is not None
    assert (info.name, info.script, info.direction) == ("Español (Nicaragua)", "Latn", "rtl")
    history = ContentLanguage.history.filter(code="es").order_by("history_date")
    assert [h.history_type for h in history] == ["+", "~"]
    assert history.last().history_user == admin_user


def test_a_bad_script_is_refused_at_the_field_and_nothing_changes(client, admin_user):
    spanish = content_language_add(by=admin_user, code="es")
    response = _as(client, admin_user).post(
        _edit_url(spanish), {"name": "Español", "script": "Lat1", "direction": "ltr"})
    assert response.status_code == 400
    assert "four letters" in response.content.decode()
    spanish.refresh_from_db()
    assert spanish.script == "Latn"


@pytest.mark.parametrize("script", ["Abcd", "Xxxx"])
def test_four_letters_that_name_no_script_are_refused_on_add_and_change(
    client, admin_user, script
):
    import django.core.exceptions

    with pytest.raises(django.core.exceptions.ValidationError):
        content_language_add(by=admin_user, code="es", script=script)
    spanish = content_language_add(by=admin_user, code="es")
    response = _as(client, admin_user).post(
        _edit_url(spanish), {"name": "Español", "script": script, "direction": "ltr"}
    )
    assert response.status_code == 400
    spanish.refresh_from_db()
    assert spanish.script == "Latn"


def test_a_language_in_use_is_not_removed_and_the_page_says_by_what(
    client, admin_user, partnership
):
    spanish = content_language_add(by=admin_user, code="es")
    partnership.working_languages = ["de", "es"]
    partnership.save()
    response = _as(client, admin_user).post(_edit_url(spanish), {"action": "remove"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was removed" in html
    assert "working languages" in html
    assert ContentLanguage.objects.filter(code="es").exists()


def test_a_language_with_translations_is_not_removed(client, admin_user, partnership):
    spanish = content_language_add(by=admin_user, code="es")
    partnership.translations = {"es": {"title": "Asociación"}}
    partnership.save()
    response = _as(client, admin_user).post(_edit_url(spanish), {"action": "remove"})
    assert response.status_code == 400
    assert ContentLanguage.objects.filter(code="es").exists()


def test_an_unused_language_is_removed_with_history(client, admin_user, partnership):
    spanish = content_language_add(by=admin_user, code="es")
    response = _as(client, admin_user).post(_edit_url(spanish), {"action": "remove"})
    assert response.status_code == 302
    assert content_language_info("es") is None
    assert ContentLanguage.history.filter(code="es", history_type="-").get().history_user \
        == admin_user


def test_only_network_admins_change_languages(client, admin_user, alice):
    spanish = content_language_add(by=admin_user, code="es")
    response = _as(client, alice).post(_edit_url(spanish), {"action": "remove"})
    assert response.status_code == 403
    assert ContentLanguage.objects.filter(code="es").exists()


def test_the_languages_page_links_each_added_language_and_stacks_on_a_phone(
    client, admin_user
):
    spanish = content_language_add(by=admin_user, code="es")
    html = _as(client, admin_user).get(reverse("network:languages")).content.decode()
    assert f'href="{_edit_url(spanish)}"' in html
    assert '<table class="languages">' in html
    assert 'data-label=' in html  # each cell named when the table stacks at 320 px


# --- SDG targets: grouped, searchable ----------------------------------------------------


def test_sdg_targets_are_checkboxes_grouped_by_goal_with_the_search_script(
    client, alice, partnership
):
    from twinplan.programmes.tests.factories import ActionProgrammeFactory

    programme = ActionProgrammeFactory(partnership=partnership)
    url = reverse("workspace:measure_add", args=[partnership.slug])
    html = _as(client, alice).get(f"{url}?parent={programme.pk}").content.decode()
    assert html.count('<details class="choice-group"') == 17
    assert 'data-choice-filter' in html
    assert "workspace/choice-filter.js" in html
    assert html.count('name="sdg_targets"') >= 169
    assert "<script>" not in html  # CSP: no inline script


def test_a_ticked_target_is_saved_and_its_goal_shown_open(client, alice, partnership):
    from twinplan.programmes.tests.factories import MeasureFactory
    from twinplan.reference.models import SdgTarget

    measure = MeasureFactory(programme__partnership=partnership)
    target = SdgTarget.objects.get(code="13.2")
    measure.sdg_targets.add(target)
    url = reverse("workspace:measure_edit", args=[partnership.slug, measure.pk])
    html = _as(client, alice).get(url).content.decode()
    opened = re.findall(r'<details class="choice-group" open>\s*<summary>([^<]*)', html)
    assert len(opened) == 1
    assert "13" in opened[0]


# --- an event's place from the gazetteer -------------------------------------------------


def _event_data(**extra):
    return {"kind": "workshop", "title": "Besuch", "sequence": "0", "original_language": "de",
            **extra}


def test_find_lists_geonames_matches_as_radio_choices_and_saves_nothing(
    client, alice, partnership
):
    url = reverse("workspace:event_add", args=[partnership.slug])
    response = _as(client, alice).post(url, _event_data(place_search="hoi an",
                                                        action="find_place"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="radio" name="place_found"' in html
    assert "Hoi An, Vietnam" in html
    assert "Use this place" in html
    assert not Event.objects.exists()
    assert "Nothing was saved" not in html  # no errors while filling in


def test_use_this_place_fills_name_country_and_coordinates_with_the_source(
    client, alice, partnership
):
    from twinplan.municipalities.gazetteer import places_matching

    place = places_matching("hoi an")[0]
    url = reverse("workspace:event_add", args=[partnership.slug])
    response = _as(client, alice).post(url, _event_data(
        place_search="hoi an", place_found=str(place.geonameid), action="use_place"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="place_name" value="{place.name}"' in html
    assert re.search(r'<option value="VN" selected|name="country" value="VN"', html)
    assert re.search(r'name="latitude" value="15\.8', html)
    assert "GeoNames (geonameid" in html
    assert not Event.objects.exists()
    # then saved as it is filled in
    form = {"kind": "workshop", "title": "Besuch", "sequence": "0", "original_language": "de",
            "place_name": place.name, "country": "VN", "latitude": str(place.latitude),
            "longitude": str(place.longitude), "location_source": place.source}
    assert _as(client, alice).post(url, form).status_code == 302
    event = Event.objects.get()
    assert (event.place_name, event.country) == (place.name, "VN")
    assert event.location_source.startswith("GeoNames")


def test_use_without_a_choice_says_so_at_the_search(client, alice, partnership):
    url = reverse("workspace:event_add", args=[partnership.slug])
    response = _as(client, alice).post(url, _event_data(place_search="hoi an",
                                                        action="use_place"))
    assert response.status_code == 200
    assert "Choose one of the places found first." in response.content.decode()


def test_a_place_not_in_geonames_says_enter_it_by_hand(client, alice, partnership):
    url = reverse("workspace:event_add", args=[partnership.slug])
    response = _as(client, alice).post(url, _event_data(place_search="Xqzzyville",
                                                        action="find_place"))
    assert "Enter it by hand" in response.content.decode()


# --- numbers in the page's language ------------------------------------------------------

RAW_NUMBER = re.compile(r"(?<![\d.,])\d{4,}[.,]\d{2}(?!\d)")


@pytest.mark.parametrize("language", ["de", "vi"])
def test_the_main_workspace_pages_write_no_raw_numbers(client, alice, partnership, hoi_an,
                                                        language):
    from twinplan.indicators.models import Indicator, IndicatorValue
    from twinplan.money.tests.factories import CurrencyRateFactory, ResourceFactory
    from twinplan.partnerships.services import award_amount_create, award_create
    from twinplan.programmes.tests.factories import MeasureFactory, ProgressEntryFactory

    award = award_create(partnership=partnership, by=alice, name="Klimapreis")
    award_amount_create(award=award, by=alice, recipient=hoi_an, amount=Decimal("30000"),
                        currency="EUR")
    measure = MeasureFactory(programme__partnership=partnership, progress_percent=45)
    ResourceFactory(measure=measure, planned_amount=Decimal("12500.50"), currency="EUR")
    ResourceFactory(measure=measure, planned_amount=Decimal("27400.25"), currency="")
    ProgressEntryFactory(measure=measure, progress_percent=45)
    indicator = Indicator.objects.create(measure=measure, name="Solar", unit="kWh",
                                         original_language="de")
    IndicatorValue.objects.create(indicator=indicator, date=datetime.date(2024, 5, 1),
                                  value=Decimal("12345.67"), source="Meter")
    CurrencyRateFactory(base="EUR", quote="VND", rate=Decimal("27400.5"),
                        date=datetime.date(2024, 1, 2))
    _as(client, alice)
    with translation.override(language):
        pages = [
            reverse("workspace:dashboard"),
            reverse("workspace:overview", args=[partnership.slug]),
            reverse("workspace:measure_detail", args=[partnership.slug, measure.pk]),
            reverse("workspace:rates", args=[partnership.slug]),
        ]
    for page in pages:
        html = client.get(page).content.decode()
        assert not RAW_NUMBER.findall(html), (page, RAW_NUMBER.findall(html))
        assert "30000.00 EUR" not in html


def test_the_factor_choices_write_the_default_value_as_the_page_language_does(
    client, alice, partnership
):
    # "561.224 g CO2e/kWh" on a German page reads as 561 thousand grams.
    from twinplan.impact.factors import default_factor_set

    factor = next(f for f in default_factor_set() if f.key == "electricity.grid.ABW")
    _as(client, alice)
    with translation.override("de"):
        url = reverse("workspace:factoroverride_add", args=[partnership.slug])
    html = client.get(url).content.decode()
    german = f"{factor.value:g}".replace(".", ",")
    assert f"electricity.grid.ABW ({german} {factor.unit})" in html
