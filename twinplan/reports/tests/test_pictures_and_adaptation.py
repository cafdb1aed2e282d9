"""The results report and the action programme carry the pictures of the public events,
the partnership's cover, the towns' climate risks and the measures against them; a public
edition only what is published."""

import hashlib
import io
from datetime import date

import pytest
from pypdf import PdfReader

from twinplan.events.models import Event
from twinplan.media.models import MediaItem
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure
from twinplan.reports.render import document
from twinplan.reports.tests.conftest import pdf_text

TODAY = date(2026, 12, 1)
BR_EVENT = "Öffentlichkeitsveranstaltung in Bersenbrück"
FLOOD_MEASURE = "Hochwasser-Frühwarnung für die Altstadt von Hội An"


def render(slug: str, kind: str = "results", languages=("de",), scope: str = "public",
           file_format: str = "pdf") -> bytes:
    return document(Partnership.objects.get(slug=slug), kind=kind, languages=list(languages),
                    scope=scope, today=TODAY, file_format=file_format)


def image_count(content: bytes) -> int:
    """Distinct pictures in the PDF (pages share their resources, so count by content)."""
    reader = PdfReader(io.BytesIO(content))
    return len({hashlib.sha256(image.data).hexdigest()
                for page in reader.pages for image in page.images})


@pytest.mark.slow
def test_results_report_shows_the_event_pictures_and_the_cover_with_caption_and_credit(seeded):
    pdf = render("bersenbrueck-ruma")
    text = pdf_text(pdf)
    assert "Bilder der Veranstaltungen" in text
    assert f"Platzhalterbild für „{BR_EVENT}“ (Demo, kein Foto)" in text
    assert "Platzhalter-Titelbild der Partnerschaft (Demo, kein Foto)" in text
    assert "[Demo-Bild] demo · CC0 1.0" in text
    photos = MediaItem.objects.filter(partnership__slug="bersenbrueck-ruma", kind="image")
    assert image_count(pdf) == photos.count() >= 2

    # In Vietnamese: caption and text alternative in the document's language.
    html = render("bersenbrueck-ruma", languages=("vi",), file_format="html").decode()
    assert "Ảnh bìa giữ chỗ của quan hệ đối tác (minh họa, không phải ảnh thật)" in html
    assert 'alt="Ảnh giữ chỗ được vẽ với chữ DEMO và tên sự kiện' in html
    assert "data:image/" in html  # the picture travels inside the file


@pytest.mark.slow
def test_results_report_and_programme_carry_the_risk_table_and_the_adaptation_measures(seeded):
    for kind in ("results", "programme"):
        text = pdf_text(render("wernigerode-hoi-an", kind=kind))
        assert "Klimarisiken und Anpassung" in text, kind
        assert "Die Klimarisiken der Partnerkommunen nebeneinander" in text, kind
        assert "Wahrscheinlichkeit: hoch; Auswirkung: hoch" in text, kind
        assert "Quelle: twinplan-Demo: erfundene Einschätzung" in text, kind
        assert FLOOD_MEASURE in text, kind
        assert "Behandelte Risiken: Hochwasser und Überschwemmungen (Hội An)" in text, kind
        assert "Geschützte Personen: 3.000" in text, kind
        assert "Anpassungsbilanz" in text, kind


@pytest.mark.slow
def test_a_public_edition_leaves_out_unpublished_pictures_and_adaptation_measures(seeded):
    event = Event.objects.get(partnership__slug="bersenbrueck-ruma", title=BR_EVENT)
    Event.objects.filter(pk=event.pk).update(is_published=False)
    Measure.objects.filter(title=FLOOD_MEASURE).update(is_published=False)

    public = render("bersenbrueck-ruma", file_format="html").decode()
    assert f"Platzhalterbild für „{BR_EVENT}“" not in public
    assert "Öffentlichkeitsveranstaltung in Ruma" in public  # the other event keeps its own
    draft = render("bersenbrueck-ruma", scope="draft", file_format="html").decode()
    assert f"Platzhalterbild für „{BR_EVENT}“" in draft

    public = render("wernigerode-hoi-an", kind="programme", file_format="html").decode()
    assert FLOOD_MEASURE not in public
    assert "Die Klimarisiken der Partnerkommunen nebeneinander" in public
    draft = render("wernigerode-hoi-an", kind="programme", scope="draft",
                   file_format="html").decode()
    assert FLOOD_MEASURE in draft



def test_the_action_programme_cover_names_the_councils_that_adopted_it(partnership, wernigerode,
                                                                       hoi_an):
    from twinplan.programmes.services import (
        programme_adoption_create,
        programme_create,
        programme_publish,
    )
    partnership.is_published = True
    partnership.save()
    programme = programme_publish(
        programme_create(by=None, partnership=partnership, title="Handlungsprogramm"), by=None)
    before = pdf_text(document(partnership, kind="programme", languages=["de"],
                               scope="public", today=TODAY))
    assert "Beschlossen von" not in before
    programme_adoption_create(programme=programme, by=None, municipality=wernigerode,
                              body="Stadtrat Wernigerode", adopted_on=date(2019, 3, 14),
                              source="Ratsinformationssystem Wernigerode, Beschluss 2019/17")
    programme_adoption_create(programme=programme, by=None, municipality=hoi_an,
                              body="Hội đồng nhân dân thành phố Hội An",
                              adopted_on=date(2019, 5, 2))
    text = pdf_text(document(partnership, kind="programme", languages=["de"], scope="public",
                             today=TODAY))
    assert ("Beschlossen von Stadtrat Wernigerode am 14. März 2019 (Wernigerode) · Quelle: "
            "Ratsinformationssystem Wernigerode, Beschluss 2019/17") in text
    assert "Beschlossen von Hội đồng nhân dân thành phố Hội An am 2. Mai 2019 (Hội An)" in text
    # The results report's cover does not carry it.
    results = pdf_text(document(partnership, kind="results", languages=["de"],
                                scope="public", today=TODAY))
    assert "Beschlossen von Stadtrat Wernigerode" not in results


@pytest.mark.slow
def test_the_risk_table_names_each_hazard_in_its_columns_language(seeded):
    """The side-by-side risk table names the hazards in each column's language, whatever
    language the command or page was in when the report was read."""
    from django.utils import translation

    with translation.override("en"):
        html = render("bersenbrueck-ruma", languages=("de", "sr"), file_format="html").decode()
    assert "Extreme Hitze</th>" in html
    assert "Екстремна врућина</th>" in html
    assert "Extreme heat</th>" not in html


@pytest.mark.slow
def test_a_latin_column_names_ruma_in_latin(seeded):
    """Town names follow the column's script everywhere: agreement parties, the risk
    table, lead partners, adopting councils (Ruma in German, Рума in Serbian Cyrillic)."""
    german = render("bersenbrueck-ruma", languages=("de",), file_format="html").decode()
    assert "Рума" not in german
    serbian = render("bersenbrueck-ruma", languages=("sr",), file_format="html").decode()
    assert "Рума" in serbian
