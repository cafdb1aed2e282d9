from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from twinplan.core.bin import KEPT_DAYS
from twinplan.core.models import BinEntry
from twinplan.programmes.models import Challenge
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_purge_bin_forgets_only_what_is_older_than_the_bin_keeps():
    from twinplan.core.bin import bin_delete

    measure = MeasureFactory()
    partnership = measure.programme.partnership
    old, recent = (
        bin_delete(Challenge.objects.create(measure=measure, category="other", description=text),
                   by=None, scope=partnership)
        for text in ("alt", "neu")
    )
    BinEntry.objects.filter(pk=old.pk).update(
        deleted_at=timezone.now() - timedelta(days=KEPT_DAYS, minutes=1))
    out = StringIO()

    call_command("purge_bin", stdout=out)

    assert list(BinEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert out.getvalue().startswith("1 ")
