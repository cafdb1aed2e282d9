"""The glossary term's write services: the key derived from the term, versions and the
history author."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from twinplan.glossary.models import GlossaryTerm
from twinplan.glossary.services import (
    glossary_term_create,
    glossary_term_delete,
    glossary_term_update,
)

pytestmark = pytest.mark.django_db


def test_a_partnerships_term_gets_its_key_and_language_from_the_service(partnership, alice):
    term = glossary_term_create(partnership=partnership, by=alice, term="Klimaanpassung",
                                definition="Anpassung an die Folgen des Klimawandels.")

    assert (term.key, term.original_language, term.version) == ("klimaanpassung", "de", 1)
    assert term.history.get().history_user == alice


def test_a_second_term_with_the_same_key_is_refused(partnership, alice):
    glossary_term_create(partnership=partnership, by=alice, term="Klimaanpassung",
                         definition="Anpassung.")

    with pytest.raises(ValidationError):
        glossary_term_create(partnership=partnership, by=alice, term="Klimaanpassung",
                             definition="Noch einmal.")

    assert GlossaryTerm.objects.count() == 1


def test_a_term_edit_is_recorded_an_emptied_key_derived_and_a_repeat_changes_nothing(
    partnership, alice, bao
):
    term = glossary_term_create(partnership=partnership, by=alice, key="anpassung",
                                term="Klimaanpassung", definition="Anpassung.")

    changed = glossary_term_update(term, by=bao, expected_version=1, key="",
                                   term="Klimaanpassung")
    again = glossary_term_update(changed, by=bao, expected_version=2, key="klimaanpassung")

    assert (changed.key, again.version, term.history.count()) == ("klimaanpassung", 2, 2)
    assert term.history.latest("history_date").history_user == bao
    glossary_term_delete(again, by=alice)
    assert not GlossaryTerm.objects.exists()
