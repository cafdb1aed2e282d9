"""./manage.py report writes the document to a file, or says what is wrong."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader


def test_writes_html_and_pdf(partnership, tmp_path):
    html = tmp_path / "report.html"
    call_command("report", partnership.slug, "--kind", "results", "--lang", "de,vi",
                 "--format", "html", "--output", str(html), stderr=StringIO())
    text = html.read_text()
    assert "<html lang=\"de\"" in text
    assert partnership.title in text
    pdf = tmp_path / "programme.pdf"
    call_command("report", partnership.slug, "--kind", "programme", "--lang", "vi",
                 "--output", str(pdf), stderr=StringIO())
    reader = PdfReader(str(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "vi"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nowhere", "--lang", "de"], "No partnership with the slug 'nowhere'"),
        (["wernigerode-hoi-an", "--lang", "xx"], "“xx” is not a content language"),
        (["wernigerode-hoi-an", "--lang", "de", "--output", "/nonexistent/dir/r.pdf"],
         "does not exist"),
        (["wernigerode-hoi-an", "--lang", "de", "--output", "-"], "cannot go to standard"),
        (["wernigerode-hoi-an", "--lang", "de", "--today", "someday"], "is not a date"),
    ],
)
def test_bad_arguments_are_explained(partnership, tmp_path, arguments, message):
    if "--output" not in arguments:
        arguments = [*arguments, "--output", str(tmp_path / "r.pdf")]
    with pytest.raises(CommandError, match=message):
        call_command("report", *arguments, stderr=StringIO())


def test_unpublished_partnership_needs_include_unpublished(partnership, tmp_path):
    partnership.is_published = False
    partnership.save(update_fields=["is_published"])
    out = tmp_path / "r.html"
    with pytest.raises(CommandError, match="--include-unpublished"):
        call_command("report", partnership.slug, "--lang", "de", "--format", "html",
                     "--output", str(out), stderr=StringIO())
    call_command("report", partnership.slug, "--lang", "de", "--format", "html",
                 "--include-unpublished", "--output", str(out), stderr=StringIO())
    assert "Diese Ausgabe enthält unveröffentlichte Entwürfe" in out.read_text()
