"""The interface catalogues: complete in all five languages, in step with the code, and the
pages really come out translated. Money is written the way each language writes it."""

from __future__ import annotations

import contextlib
import datetime
import importlib.util
import os
import re
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import polib
import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from twinplan.core.formats import format_money

REPO = Path(__file__).resolve().parents[3]
LOCALE_DIR = REPO / "twinplan" / "locale"
LOCALES = ("de", "en", "sr", "sr_Latn", "vi")
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "sr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "vi": "nplurals=1; plural=0;",
}
PLURAL_FORMS["sr_Latn"] = PLURAL_FORMS["sr"]
# The same options as the command in docs/interface-translations.md.
MAKEMESSAGES_IGNORE = [".venv", "var", "scripts"]
MAKEMESSAGES_HINT = (
    ".venv/bin/python manage.py makemessages -l de -l en -l sr -l sr_Latn -l vi "
    "--ignore=.venv --ignore=var --ignore=scripts --no-obsolete"
)
# %(name)s, %s, %d, %% (Python and extracted templates) and {name} (str.format).
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|%%|\{\w*\}")

Key = tuple[str | None, str, str]


def catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_header(locale):
    po = catalogue(locale)
    assert not po.metadata_is_fuzzy, f"{locale}: the header is marked fuzzy (msgfmt drops it)"
    assert po.metadata["Language"] == locale
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[locale]
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_string_is_translated(locale):
    po = catalogue(locale)
    nplurals = int(PLURAL_FORMS[locale].split(";")[0].split("=")[1])
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        label = f"{locale}: {entry.msgid!r}"
        if entry.fuzzy:
            problems.append(f"{label} is fuzzy")
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if sorted(forms) != list(range(nplurals)) or not all(forms.values()):
                problems.append(f"{label} needs {nplurals} non-empty plural forms")
            # Each form is used for some n (21 takes form 0 in Serbian): it keeps the counter.
            allowed = [placeholders(entry.msgid), placeholders(entry.msgid_plural)]
            problems += [
                f"{label} form {index} has placeholders {sorted(placeholders(text))}"
                for index, text in forms.items()
                if placeholders(text) not in allowed
            ]
        else:
            if not entry.msgstr.strip():
                problems.append(f"{label} is untranslated")
            elif placeholders(entry.msgstr) != placeholders(entry.msgid):
                problems.append(
                    f"{label} has placeholders {sorted(placeholders(entry.msgstr).elements())}"
                )
    assert not problems, "\n".join(problems)


def test_catalogues_hold_the_same_strings():
    keys = {locale: {key(e) for e in catalogue(locale) if not e.obsolete} for locale in LOCALES}
    for locale in LOCALES:
        assert keys[locale] == keys["de"], f"{locale} and de differ: run {MAKEMESSAGES_HINT}"


def test_serbian_latin_is_derived_from_cyrillic():
    derive = load_script("derive_sr_latn_po").derive

    def entries(po: polib.POFile) -> list[tuple[Key, str, dict[int, str], list[str]]]:
        return sorted(
            (key(e), e.msgstr, dict(e.msgstr_plural), sorted(e.flags))
            for e in po if not e.obsolete
        )

    expected = derive(catalogue("sr"))
    assert entries(catalogue("sr_Latn")) == entries(expected), (
        "sr_Latn is stale: run python scripts/derive_sr_latn_po.py"
    )
    assert "GENERATED" in catalogue("sr_Latn").header
    sample = {e.msgid: e.msgstr for e in catalogue("sr_Latn")}
    assert not re.search("[\u0400-\u04ff]", "".join(sample.values())), "Cyrillic left in Latin"


def test_english_is_filled_from_the_msgids():
    for entry in catalogue("en"):
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}
        else:
            assert entry.msgstr == entry.msgid, "run python scripts/fill_en_po.py"


@contextlib.contextmanager
def _copy_of_sources(target: Path):
    """The files makemessages reads (.py, .html, .txt), without the committed catalogues."""
    skip_dirs = {"locale", "__pycache__", "node_modules", *MAKEMESSAGES_IGNORE}
    for dirpath, dirnames, filenames in os.walk(REPO):
        dirnames[:] = [d for d in dirnames if d not in skip_dirs and not d.startswith(".")]
        for filename in filenames:
            if filename.endswith((".py", ".html", ".txt")):
                source = Path(dirpath) / filename
                copy = target / source.relative_to(REPO)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)
    with contextlib.chdir(target):
        yield


def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """A new {% translate %} or gettext() in the code fails here until the catalogues have it
    (and the tests above, until it is translated)."""
    if shutil.which("xgettext") is None:
        pytest.skip("xgettext is missing: install Debian's gettext (make test does) to check it")
    sources, extracted = tmp_path / "src", tmp_path / "locale"
    sources.mkdir()
    with _copy_of_sources(sources), override_settings(LOCALE_PATHS=[extracted]):
        call_command(
            "makemessages", locale=["de"], ignore_patterns=MAKEMESSAGES_IGNORE,
            no_obsolete=True, verbosity=0,
        )
    from_code = {key(e) for e in polib.pofile(str(extracted / "de/LC_MESSAGES/django.po"))}
    committed = {key(e) for e in catalogue("de") if not e.obsolete}
    missing = sorted(msgid for _ctx, msgid, _plural in from_code - committed)
    assert not missing, (
        f"{len(missing)} interface strings are not in the catalogues; run {MAKEMESSAGES_HINT}, "
        "translate de, sr and vi, then scripts/fill_en_po.py and scripts/derive_sr_latn_po.py:\n"
        + "\n".join(missing)
    )


@pytest.fixture
def compiled_catalogues():
    for locale in LOCALES:
        po = LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            pytest.fail(f"{mo.relative_to(REPO)} is missing or older than its .po: make messages")


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize(
    ("prefix", "html_lang", "heading"),
    [
        ("de", "de", "Partnerschaften"),
        ("en", "en", "Partnerships"),
        ("sr", "sr", "Партнерства"),
        ("sr-latn", "sr-Latn", "Partnerstva"),
        ("vi", "vi", "Quan hệ đối tác"),
    ],
)
def test_directory_page_is_in_the_language_of_its_prefix(client, prefix, html_lang, heading):
    response = client.get(f"/{prefix}/partnerships/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{html_lang}">' in html
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        ("de", Decimal("30000"), "EUR", "30.000,00\xa0€"),
        ("en", Decimal("30000"), "EUR", "€30,000.00"),
        ("sr", Decimal("30000"), "EUR", "30.000,00\xa0€"),
        ("sr-latn", Decimal("30000"), "EUR", "30.000,00\xa0€"),
        ("vi", Decimal("30000"), "EUR", "30.000,00\xa0€"),
        ("vi", Decimal("750000000"), "VND", "750.000.000\xa0₫"),
        ("de", Decimal("750000000"), "VND", "750.000.000\xa0₫"),
        ("en", Decimal("750000000"), "VND", "₫750,000,000"),
        ("sr", Decimal("1200000.60"), "RSD", "1.200.001\xa0RSD"),
        ("en", Decimal("12.5"), "eur", "€12.50"),
    ],
)
def test_format_money_per_language(language, amount, currency, expected):
    assert format_money(amount, currency, language) == expected


def test_format_money_falls_back_to_english_for_a_language_cldr_does_not_know():
    assert format_money(Decimal(5), "EUR", "xx-unknown") == "€5.00"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "30.000,00\xa0€|"), ("en", "€30,000.00|"), ("vi", "30.000,00\xa0€|")],
)
def test_money_filter(language, expected):
    template = Template(
        "{% load twinplan %}{{ amount|money:currency }}|{{ missing|money:currency }}"
    )
    with translation.override(language):
        assert template.render(Context({"amount": Decimal(30000), "currency": "EUR"})) == expected


def test_money_filter_without_currency_writes_the_number():
    template = Template("{% load twinplan %}{{ amount|money:'' }}")
    with translation.override("de"):
        assert template.render(Context({"amount": Decimal("1234.5")})) == "1.234,5"


@pytest.mark.parametrize(
    ("language", "date", "number"),
    [
        ("de", "23. September 2017", "1.234.567,50"),
        ("en", "Sept. 23, 2017", "1,234,567.50"),
        ("sr", "23. септембар 2017.", "1.234.567,50"),
        ("sr-latn", "23. septembar 2017.", "1.234.567,50"),
        # twinplan/formats/vi: lower case after "từ", and grouped like the other languages.
        ("vi", "ngày 23 tháng 9 năm 2017", "1.234.567,50"),
    ],
)
def test_dates_and_numbers_follow_the_language(language, date, number):
    template = Template('{% load humanize %}{{ d|date:"DATE_FORMAT" }}|{{ n|floatformat:"-2g" }}')
    with translation.override(language):
        rendered = template.render(Context({"d": datetime.date(2017, 9, 23), "n": 1234567.5}))
    assert rendered == f"{date}|{number}"
