"""A person's data exported and erased on request: by service, command and admin action.
History keeps pointing at the anonymised row and reads "a deleted user"."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from twinplan.accounts.models import User
from twinplan.accounts.services import personal_data_export, user_erase
from twinplan.accounts.tests.factories import UserFactory
from twinplan.events.models import Idea
from twinplan.events.tests.factories import EventFactory
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.partnerships.models import Invitation, PartnershipRole
from twinplan.programmes.tests.factories import MeasureFactory, ProgressEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def footprint(alice, bao, partnership):
    """Alice wrote, changed, invited and was invited; bao wrote something too."""
    measure = MeasureFactory(programme__partnership=partnership, title="Solardächer")
    measure.title = "Solardächer auf Schulen"
    measure._history_user = alice
    measure.save()
    progress = ProgressEntryFactory(measure=measure, text="Angebote eingeholt", author=alice)
    idea = Idea.objects.create(event=EventFactory(partnership=partnership), title="Radtour",
                               author=alice, original_language="de")
    indicator = Indicator.objects.create(measure=measure, name="kWp", original_language="de")
    value = IndicatorValue.objects.create(indicator=indicator, date=date(2026, 5, 1),
                                          value=Decimal("12.5"), author=alice)
    in_future = timezone.now() + timedelta(days=14)
    to_alice = Invitation.objects.create(
        partnership=partnership, email="ALICE@example.org", role="contributor",
        token_hash="a" * 64, invited_by=bao, expires_at=in_future)
    by_alice = Invitation.objects.create(
        partnership=partnership, email="lan@example.org", role="contributor",
        token_hash="b" * 64, invited_by=alice, expires_at=in_future)
    AccessAttempt.objects.create(username="alice", ip_address="203.0.113.5", user_agent="x",
                                 failures_since_start=3, get_data="", post_data="")
    bao_entry = ProgressEntryFactory(measure=measure, text="Bao's entry", author=bao)
    return {"measure": measure, "progress": progress, "idea": idea, "value": value,
            "to_alice": to_alice, "by_alice": by_alice, "bao_entry": bao_entry}


def _keys(export: dict) -> set[str]:
    return set(export["related"]) | set(export["addressed_to_email"]) | set(
        export["login_records"])


def test_the_export_holds_everything_kept_about_the_person(alice, footprint):
    export = personal_data_export(user=alice)
    assert export["profile"]["username"] == "alice"
    assert export["profile"]["email"] == "alice@example.org"
    assert "password" not in export["profile"]
    assert {
        "partnerships.partnershiprole.user",
        "programmes.progressentry.author",
        "events.idea.author",
        "indicators.indicatorvalue.author",
        "programmes.historicalmeasure.history_user",
        "partnerships.invitation.invited_by",
        "partnerships.invitation.email",
        "axes.accessattempt",
    } <= _keys(export)
    texts = [row["fields"]["text"] for row in export["related"]["programmes.progressentry.author"]]
    assert texts == ["Angebote eingeholt"]  # bao's entry is not alice's data
    invited = export["addressed_to_email"]["partnerships.invitation.email"]
    assert [row["pk"] for row in invited] == [footprint["to_alice"].pk]


def test_the_command_writes_the_export_as_json(alice, footprint, tmp_path):
    output = tmp_path / "alice.json"
    call_command("export_personal_data", "alice", "--output", str(output))
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["profile"]["username"] == "alice"
    assert data["related"]["indicators.indicatorvalue.author"][0]["fields"]["value"] == "12.5000"


def test_the_export_command_names_a_missing_user(tmp_path):
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("export_personal_data", "nobody", "--output", str(tmp_path / "x.json"))


def test_erasure_anonymises_the_row_and_keeps_what_they_wrote(alice, bao, footprint):
    pk = alice.pk
    user_erase(user=alice)
    alice = User.objects.get(pk=pk)
    assert alice.username == f"deleted-{pk}"
    assert (alice.email, alice.first_name, alice.last_name, alice.display_name) == (
        "", "", "", "")
    assert not alice.has_usable_password()
    assert not alice.is_active
    assert not alice.is_staff
    assert not alice.is_superuser
    assert str(alice) == "a deleted user"
    assert not PartnershipRole.objects.filter(user=alice).exists()
    assert not Invitation.objects.filter(pk=footprint["to_alice"].pk).exists()
    assert Invitation.objects.get(pk=footprint["by_alice"].pk).invited_by == alice
    assert not AccessAttempt.objects.filter(username="alice").exists()
    footprint["progress"].refresh_from_db()
    assert footprint["progress"].author == alice
    assert footprint["measure"].history.filter(history_user=alice).exists()
    # Bao keeps everything.
    assert PartnershipRole.objects.filter(user=bao).exists()
    assert User.objects.get(pk=bao.pk).email == "bao@example.org"


def test_the_history_page_shows_a_deleted_user(client, alice, bao, footprint, partnership):
    user_erase(user=alice)
    client.force_login(bao)
    url = reverse("workspace:measure_history", args=[partnership.slug, footprint["measure"].pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    assert "a deleted user" in text
    assert "alice" not in text.lower().replace("deleted", "")


def test_an_erased_person_can_no_longer_log_in(client, alice):
    user_erase(user=alice)
    response = client.post("/en/accounts/login/", {"username": "alice",
                                                   "password": "secret-password"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_two_erased_people_do_not_collide(alice, bao):
    user_erase(user=alice)
    user_erase(user=bao)
    assert User.objects.filter(email="").count() == 2


def test_erasing_twice_or_oneself_is_refused(alice, olga):
    with pytest.raises(ValidationError, match="your own account"):
        user_erase(user=olga, by=olga)
    user_erase(user=alice)
    with pytest.raises(ValidationError, match="already erased"):
        user_erase(user=alice)


def test_the_erase_command(alice, footprint, capsys):
    call_command("erase_user", "alice")
    assert f"alice is now deleted-{alice.pk}" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no user 'alice'"):
        call_command("erase_user", "alice")
    with pytest.raises(CommandError, match="already erased"):
        call_command("erase_user", f"deleted-{alice.pk}")


# --- the same for the network admin, as admin actions on the user list ---------------------

CHANGELIST = "/admin/accounts/user/"


@pytest.fixture
def root(client):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_the_network_admin_exports_one_user(client, root, alice, footprint):
    response = client.post(CHANGELIST, {"action": "export_personal_data",
                                        "_selected_action": [alice.pk]})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["profile"]["username"] == "alice"


def test_the_network_admin_erases_after_confirming(client, root, alice, footprint):
    data = {"action": "erase_personal_data", "_selected_action": [alice.pk]}
    confirm = client.post(CHANGELIST, data)
    assert confirm.status_code == 200
    assert "Yes, erase their personal data" in confirm.content.decode()
    assert User.objects.get(pk=alice.pk).username == "alice"
    done = client.post(CHANGELIST, {**data, "confirm": "yes"})
    assert done.status_code == 302
    assert User.objects.get(pk=alice.pk).username == f"deleted-{alice.pk}"


def test_staff_without_superuser_rights_get_neither_action(client, alice):
    staff = UserFactory(username="staff", is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="accounts"))
    client.force_login(staff)
    page = client.get(CHANGELIST).content.decode()
    assert "export_personal_data" not in page
    assert "erase_personal_data" not in page
    client.post(CHANGELIST, {"action": "erase_personal_data", "_selected_action": [alice.pk],
                             "confirm": "yes"})
    assert User.objects.get(pk=alice.pk).username == "alice"


def test_every_e_mail_field_is_decided_on_for_erasure():
    """A new model with an e-mail field: add it to PERSONAL_DATA_ERASED_BY_EMAIL when its
    rows are the person's, or think again about what erasure should do with it."""
    from django.conf import settings

    from twinplan.accounts.services import _email_fields

    found = {f"{model._meta.label_lower}.{name}" for model, name in _email_fields()}
    assert found == set(settings.PERSONAL_DATA_ERASED_BY_EMAIL)
