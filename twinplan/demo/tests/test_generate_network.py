"""The generated network (`./manage.py generate_network`) at a tiny size: the same rows
for the same seed, valid objects marked as demo data, and pages that render."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from twinplan.accounts.models import User
from twinplan.climate.models import ImpactEstimate
from twinplan.demo.network import Sizes, coordinator_username, generate_network
from twinplan.events.models import Event
from twinplan.indicators.models import IndicatorValue
from twinplan.money.models import Resource
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership, PartnershipRole, RoleKind
from twinplan.programmes.models import Measure

pytestmark = pytest.mark.django_db

TINY = Sizes(partnerships=3, measures_per_partnership=6, events_per_partnership=2,
             indicators_per_partnership=2, values_per_indicator=4, countries=5)


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    """What a reader sees of the generated rows, without keys and time stamps."""
    return {
        "towns": list(Municipality.objects.filter(slug__startswith="gen-").order_by("slug")
                      .values_list("slug", "name", "country", "population", "latitude")),
        "partnerships": list(Partnership.objects.filter(slug__startswith="gen-")
                             .order_by("slug").values_list("slug", "title", "kind")),
        "measures": list(Measure.objects.filter(
            programme__partnership__slug__startswith="gen-"
        ).order_by("programme__partnership__slug", "code").values_list(
            "code", "title", "status", "planned_start", "translations", "lead_municipality__slug"
        )),
        "resources": list(Resource.objects.order_by("measure__programme__partnership__slug",
                                                    "measure__code")
                          .values_list("planned_amount", "spent_amount", "currency")),
        "impacts": list(ImpactEstimate.objects.order_by(
            "measure__programme__partnership__slug", "measure__code"
        ).values_list("impact_type", "parameters")),
        "events": list(Event.objects.order_by("partnership__slug", "title")
                       .values_list("title", "kind", "start_date")),
        "values": list(IndicatorValue.objects.order_by(
            "indicator__measure__programme__partnership__slug", "indicator__name", "date"
        ).values_list("date", "value")),
    }


def test_the_same_seed_gives_the_same_network_and_another_seed_another():
    runs = []
    for seed in (1, 1, 2):
        with transaction.atomic():
            generate_network(sizes=TINY, seed=seed)
            runs.append(snapshot())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    assert len(runs[0]["measures"]) == 18
    assert len(runs[0]["values"]) == 3 * 2 * 4


def test_sizes_scale_the_network_and_everything_is_valid_demo_data():
    made = generate_network(sizes=TINY, seed=1)
    assert (made.municipalities, made.partnerships, made.measures, made.events,
            made.indicator_values) == (6, 3, 18, 6, 24)
    measures = Measure.objects.filter(programme__partnership__slug__startswith="gen-")
    assert measures.count() == 18
    assert all(m.is_demo_content and m.is_published for m in measures)
    assert measures.exclude(translations={}).exists()
    for obj in [*measures[:3], *Resource.objects.all()[:3], *ImpactEstimate.objects.all()[:3],
                *Event.objects.all()[:3], *IndicatorValue.objects.all()[:3]]:
        obj.full_clean()
    # The history was written in bulk beside the rows.
    assert Measure.history.filter(history_type="+").count() == 18
    assert IndicatorValue.history.count() == 24


def test_pages_of_a_generated_partnership_render(client):
    generate_network(sizes=TINY, seed=1)
    measure = Measure.objects.filter(programme__partnership__slug="gen-1").first()
    for path in ["/en/", "/en/partnerships/", "/en/partnerships/gen-1/",
                 "/en/partnerships/gen-1/impact/",
                 f"/en/partnerships/gen-1/measures/{measure.pk}/",
                 "/de/partnerships/gen-2/"]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "(generated" in client.get("/en/partnerships/gen-1/").content.decode()


def test_the_command_refuses_to_run_twice():
    call_command("generate_network", "--partnerships", "1", "--measures-per-partnership", "2",
                 "--events-per-partnership", "1", "--indicators-per-partnership", "1",
                 "--values-per-indicator", "1", verbosity=0)
    with pytest.raises(CommandError, match="already"):
        call_command("generate_network", "--partnerships", "1", verbosity=0)


def test_the_first_partnership_can_hold_more_measures_than_the_others():
    made = generate_network(sizes=Sizes(partnerships=2, measures_per_partnership=3,
                                        events_per_partnership=1, indicators_per_partnership=1,
                                        values_per_indicator=1, countries=2,
                                        first_partnership_measures=7), seed=1)
    assert made.measures == 10
    counts = dict(Measure.objects.filter(programme__partnership__slug__startswith="gen-")
                  .values_list("programme__partnership__slug").annotate(n=Count("id")))
    assert counts == {"gen-1": 7, "gen-2": 3}


def test_each_partnership_has_a_coordinator_who_can_open_its_workspace(client):
    generate_network(sizes=TINY, seed=1)
    for number in (1, 2, 3):
        user = User.objects.get(username=coordinator_username(number))
        assert not user.has_usable_password()
        assert PartnershipRole.objects.filter(
            user=user, partnership__slug=f"gen-{number}", role=RoleKind.COORDINATOR).exists()
    client.force_login(User.objects.get(username=coordinator_username(1)))
    assert client.get("/en/workspace/gen-1/translations/").status_code == 200
    assert client.get("/en/workspace/gen-2/translations/").status_code in (403, 404)


def test_the_command_gives_the_first_partnership_its_own_size():
    call_command("generate_network", "--partnerships", "2", "--measures-per-partnership", "1",
                 "--first-partnership-measures", "4", "--events-per-partnership", "0",
                 "--indicators-per-partnership", "0", "--values-per-indicator", "0",
                 "--countries", "2", verbosity=0)
    assert Measure.objects.filter(programme__partnership__slug="gen-1").count() == 4
    assert Measure.objects.filter(programme__partnership__slug="gen-2").count() == 1
