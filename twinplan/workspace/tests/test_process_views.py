"""The process views of the workspace, with their own matrix over the roles of the
permission matrix's world: who may open the review queue, decide a review, start an
edition, add the template's phases, archive, change several measures at once, and set the
digest. A denied POST changes nothing; bad input says what and where and saves nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from twinplan.core.models import ReviewState
from twinplan.digest.models import DigestPreference
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import ActionProgramme, Measure, MeasureStatus, ProgressEntry
from twinplan.programmes.services import progress_entry_create
from twinplan.workspace.tests.test_permission_matrix import ROLES, SIGNED_IN

pytestmark = pytest.mark.django_db

COORDINATORS = {"coordinator", "partner_coordinator", "network_admin"}


def _login(client, world, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return user


def _pending(world):
    return progress_entry_create(by=world.users["contributor"],
                                 measure=world.objects["measure"], text="Panels ordered")


def _state(world):
    programme = world.objects["programme"]
    return (
        list(ProgressEntry.objects.order_by("pk").values_list("review_state", "review_reason")),
        list(ActionProgramme.objects.order_by("pk").values_list("pk", "status")),
        world.partnership.phases.count(),
        Partnership.objects.get(pk=world.partnership.pk).archived_on,
        list(Measure.objects.filter(programme=programme).order_by("pk")
             .values_list("status", "version")),
    )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_use_the_process_views(client, world, role):
    entry = _pending(world)
    slug = world.partnership.slug
    programme = world.objects["programme"]
    _login(client, world, role)
    allowed = role in COORDINATORS
    pages = [reverse("workspace:review", args=[slug]),
             reverse("workspace:measures_bulk", args=[slug, programme.pk])]
    for page in pages:
        response = client.get(page)
        assert (response.status_code == 200) == allowed, (role, page, response.status_code)

    before = _state(world)
    posts = [
        (reverse("workspace:review_decide", args=[slug, "progress", entry.pk]),
         {f"progress-{entry.pk}-decision": "approve"}),
        (reverse("workspace:phases_template", args=[slug]), {}),
        (reverse("workspace:measures_bulk", args=[slug, programme.pk]),
         {"measures": [world.objects["measure"].pk], "status": MeasureStatus.COMPLETED}),
        (reverse("workspace:archive", args=[slug]), {"archive": "1"}),
    ]
    for address, data in posts:
        response = client.post(address, data)
        if allowed:
            assert response.status_code == 302, (role, address, response.status_code)
        else:
            assert response.status_code in (302, 403, 404)
            if response.status_code == 302:
                assert "/accounts/login/" in response["Location"]
    if not allowed:
        assert _state(world) == before
    else:
        assert ProgressEntry.objects.get(pk=entry.pk).review_state == ReviewState.APPROVED
        assert world.partnership.phases.count() == 1 + 7 - 1  # the kick-off was there
        assert Measure.objects.get(pk=world.objects["measure"].pk).status == "completed"
        assert Partnership.objects.get(pk=world.partnership.pk).archived_on is not None

    response = client.get(reverse("workspace:digest_settings"))
    assert (response.status_code == 200) == (role in SIGNED_IN)


def test_starting_an_edition_is_for_coordinators(client, world):
    programme = world.objects["programme"]
    ActionProgramme.objects.filter(pk=programme.pk).update(status="adopted")
    address = reverse("workspace:edition_start", args=[world.partnership.slug, programme.pk])
    for role in ("contributor", "programme_coordinator", "other_coordinator"):
        _login(client, world, role)
        assert client.post(address).status_code in (403, 404)
    assert ActionProgramme.objects.count() == 1

    _login(client, world, "partner_coordinator")
    assert client.post(address).status_code == 302
    new = ActionProgramme.objects.get(previous=programme)
    assert new.measures.count() == programme.measures.count()


def test_a_decline_without_a_reason_says_so_at_the_reason(client, world):
    entry = _pending(world)
    _login(client, world, "coordinator")
    prefix = f"progress-{entry.pk}"

    response = client.post(
        reverse("workspace:review_decide", args=[world.partnership.slug, "progress", entry.pk]),
        {f"{prefix}-decision": "decline", f"{prefix}-reason": ""},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{prefix}-reason_error"' in page
    assert "Nothing was saved" in page
    assert ProgressEntry.objects.get(pk=entry.pk).review_state == ReviewState.PENDING


def test_a_declined_report_shows_its_reason_to_its_author(client, world):
    entry = _pending(world)
    _login(client, world, "coordinator")
    prefix = f"progress-{entry.pk}"
    client.post(
        reverse("workspace:review_decide", args=[world.partnership.slug, "progress", entry.pk]),
        {f"{prefix}-decision": "decline", f"{prefix}-reason": "Which panels? Add a photo."},
    )

    _login(client, world, "contributor")
    measure_page = client.get(reverse("workspace:measure_detail",
                                      args=[world.partnership.slug, entry.measure_id]))
    dashboard = client.get(reverse("workspace:dashboard"))

    for response in (measure_page, dashboard):
        assert "Which panels? Add a photo." in response.content.decode()


def test_bulk_changes_are_each_recorded_and_bad_input_saves_nothing(client, world):
    programme = world.objects["programme"]
    measures = list(Measure.objects.filter(programme=programme))
    address = reverse("workspace:measures_bulk", args=[world.partnership.slug, programme.pk])
    _login(client, world, "coordinator")
    before = _state(world)

    for data in ({"status": "completed"},  # no measure chosen
                 {"measures": [m.pk for m in measures]},  # nothing to change
                 {"measures": [m.pk for m in measures], "status": "nonsense"}):
        response = client.post(address, data)
        assert response.status_code == 400
        assert "Nothing was saved" in response.content.decode()
    assert _state(world) == before

    response = client.post(address, {"measures": [m.pk for m in measures],
                                     "status": "on_hold",
                                     "lead_municipality": world.objects["municipality"].pk})
    assert response.status_code == 302
    for measure in measures:
        fresh = Measure.objects.get(pk=measure.pk)
        assert (fresh.status, fresh.lead_municipality) == ("on_hold",
                                                           world.objects["municipality"])
        latest = fresh.history.latest("history_date")
        assert latest.history_user == world.users["coordinator"]


def test_the_digest_setting_refuses_a_bad_choice(client, world):
    _login(client, world, "contributor")
    address = reverse("workspace:digest_settings")

    assert client.post(address, {"interval": "hourly"}).status_code == 400
    assert not DigestPreference.objects.exists()
    assert client.post(address, {"interval": "never"}).status_code == 302
    assert DigestPreference.objects.get().interval == "never"


def test_the_overview_lists_the_partners_changes_since_the_last_visit(client, world):
    from twinplan.programmes.services import measure_update

    _login(client, world, "coordinator")
    client.get(reverse("workspace:overview", args=[world.partnership.slug]))
    measure = world.objects["measure"]
    measure_update(measure, by=world.users["partner_coordinator"], expected_version=None,
                   title="Solar schools of Hội An")

    page = client.get(reverse("workspace:overview", args=[world.partnership.slug]))

    process = page.content.decode().split('id="process-heading"')[1].split("members-heading")[0]
    assert "Solar schools of Hội An" in process


def test_in_an_archived_partnership_the_workspace_refuses_writes_with_a_message(client, world):
    from twinplan.partnerships.services import partnership_archive

    partnership_archive(world.partnership, by=None)
    measure = world.objects["measure"]
    slug = world.partnership.slug
    _login(client, world, "coordinator")
    before = _state(world)

    edit = client.get(reverse("workspace:measure_edit", args=[slug, measure.pk]))
    from twinplan.workspace.registry import KINDS
    from twinplan.workspace.tests.test_permission_matrix import changed

    data = changed(world, KINDS["measure"], measure)
    assert edit.status_code == 200
    response = client.post(reverse("workspace:measure_edit", args=[slug, measure.pk]), data)
    assert response.status_code == 400
    assert "archived" in response.content.decode()
    response = client.post(reverse("workspace:measure_publish", args=[slug, measure.pk]),
                           {"publish": "0" if measure.is_published else "1"}, follow=True)
    assert response.status_code == 200
    assert "archived" in response.content.decode()
    assert _state(world) == before
    assert Measure.objects.get(pk=measure.pk).is_published == measure.is_published


def test_a_stale_measure_is_flagged_in_the_programme_tree(client, world):
    from datetime import timedelta

    from django.utils import timezone

    measure = world.objects["measure"]
    Measure.objects.filter(pk=measure.pk).update(
        status=MeasureStatus.IN_PROGRESS, updated_at=timezone.now() - timedelta(days=91))
    ProgressEntry.objects.filter(measure=measure).update(
        created_at=timezone.now() - timedelta(days=91))
    _login(client, world, "coordinator")

    page = client.get(reverse("workspace:overview", args=[world.partnership.slug]))

    flagged = page.content.decode().count("not updated for 90 days")
    assert flagged == 1  # the measure is listed once, with the goals it serves
