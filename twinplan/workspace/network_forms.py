"""Forms of the network pages: a new partnership with its members, content languages,
people. They parse and validate input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from twinplan.core.formats import format_number
from twinplan.core.languages import content_language_choices, content_language_codes
from twinplan.core.transliteration import cyrillic_to_latin
from twinplan.municipalities import gazetteer
from twinplan.municipalities.models import Municipality, MunicipalityKind
from twinplan.partnerships.models import FundingProgramme, PartnershipKind
from twinplan.reference import names
from twinplan.workspace.forms import DateInput

MAX_MEMBERS = 6


def _reader() -> str:
    return get_language() or "en"


class ContentLanguagesField(forms.MultipleChoiceField):
    """Content languages as checkboxes, each named in itself and in the reader's language."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self._choices, **kwargs)

    @staticmethod
    def _choices() -> list[tuple[str, str]]:
        reader = _reader()
        return [
            (code, autonym if names.language_name(code, reader) == autonym
             else f"{autonym} — {names.language_name(code, reader)}")
            for code, autonym in content_language_choices()
        ]


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class NetworkForm(forms.Form):
    """Labels begin with a capital, as the model forms' do."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class CurrencyField(forms.ChoiceField):
    """An ISO 4217 currency from the list named in the reader's language; a typed code is
    accepted in any case (nio → NIO)."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()


class NewPartnershipForm(NetworkForm):
    kind = forms.ChoiceField(label=_("type"), choices=PartnershipKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    slug = forms.SlugField(
        label=_("short name in URLs"), max_length=80, required=False,
        help_text=_("Letters, digits and hyphens; made from the title when left empty."),
    )
    funding_programme = forms.ModelChoiceField(
        label=_("funding programme"), queryset=FundingProgramme.objects.none(), required=False,
    )
    start_date = forms.DateField(label=_("start"), required=False, widget=DateInput())
    working_languages = ContentLanguagesField(
        label=_("working languages"), required=False,
        help_text=_("The languages the partners write in; the members' first languages when "
                    "none is ticked."),
    )
    original_language = forms.ChoiceField(
        label=_("Written in"), choices=content_language_choices, required=False,
        help_text=_("The language of the title you enter."),
    )

    def __init__(self, *args: Any, programmes: QuerySet[FundingProgramme],
                 programme_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["funding_programme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = programmes
        field.required = programme_required

    def clean_slug(self) -> str:
        return str(self.cleaned_data.get("slug") or "")


class MemberForm(NetworkForm):
    """One member: an existing municipality, or a new one found in GeoNames or entered by
    hand, and the coordinator to invite for it."""

    existing = forms.ModelChoiceField(
        label=_("A municipality already in twinplan"), queryset=Municipality.objects.all(),
        required=False, empty_label=_("— a new municipality —"),
    )
    search = forms.CharField(
        label=_("Find by name in GeoNames"), max_length=200, required=False,
        help_text=_("e.g. Ocotal, Ruma, Hội An; then press “Find”."),
    )
    geonameid = forms.TypedChoiceField(
        label=_("Places found"), coerce=int, required=False, widget=forms.RadioSelect,
        empty_value=None,
    )
    name = forms.CharField(label=_("official local name"), max_length=200, required=False)
    name_latin = forms.CharField(
        label=_("name in Latin letters"), max_length=200, required=False,
        help_text=_("When the local name is written in another script (Рума → Ruma)."),
    )
    kind = forms.ChoiceField(
        label=_("kind"), choices=[("", "—"), *MunicipalityKind.choices], required=False
    )
    country = forms.ChoiceField(label=_("country"), required=False)
    region_code = forms.ChoiceField(
        label=_("region (ISO 3166-2)"), required=False,
        help_text=_("The list follows the country; press “Update the lists” after changing it."),
    )
    population = forms.IntegerField(label=_("population"), min_value=0, required=False)
    population_year = forms.IntegerField(
        label=_("population: year"), min_value=1800, max_value=2100, required=False
    )
    population_source = forms.CharField(
        label=_("population: source"), max_length=300, required=False
    )
    latitude = forms.FloatField(label=_("latitude"), min_value=-90, max_value=90, required=False)
    longitude = forms.FloatField(
        label=_("longitude"), min_value=-180, max_value=180, required=False
    )
    location_source = forms.CharField(
        label=_("location: source"), max_length=300, required=False
    )
    currency = CurrencyField(label=_("currency"), required=False)
    working_languages = ContentLanguagesField(label=_("working languages"), required=False)
    coordinator_email = forms.EmailField(
        label=_("E-mail of the coordinator to invite"), required=False,
        help_text=_("They receive a link that makes them this town's coordinator."),
    )
    invitation_language = forms.ChoiceField(
        label=_("language of the invitation mail"), required=False,
        choices=[("", _("as their account says, else mine")), *settings.LANGUAGES],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reader = _reader()
        choice_field(self, "country").choices = [("", "—"), *names.country_choices(reader)]
        choice_field(self, "currency").choices = [("", "—"), *names.currency_choices(reader)]
        country = self._raw("country")
        choice_field(self, "region_code").choices = [
            ("", "—"), *(names.region_choices(country, reader) if country else [])
        ]
        query = self._raw("search")
        self.places = gazetteer.places_matching(query) if query else []
        choice_field(self, "geonameid").choices = [
            (place.geonameid, f"{place.name}, {names.country_name(place.country, reader)}"
             f" ({format_number(place.latitude, reader, places=4)}, "
             f"{format_number(place.longitude, reader, places=4)}; "
             f"{format_number(place.population, reader)})")
            for place in self.places
        ]

    def _raw(self, name: str) -> str:
        if self.is_bound:
            return str(self.data.get(self.add_prefix(name), "") or "").strip()
        return str(self.initial.get(name, "") or "")

    @property
    def is_empty(self) -> bool:
        return not any(self._raw(name) for name in (
            "existing", "search", "name", "country", "coordinator_email"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("existing") is None:
            for name in ("name", "kind", "country", "currency"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed for a new municipality (or choose one "
                                           "already in twinplan)."))
        if data.get("coordinator_email") and not data.get("invitation_language"):
            data["invitation_language"] = ""
        return data

    def municipality_fields(self) -> dict[str, Any]:
        """The cleaned input as `municipality_create`'s arguments."""
        data = self.cleaned_data
        name = data["name"].strip()
        latin = (data.get("name_latin") or "").strip()
        script = names.script_of(name)
        # Checkboxes carry no order; the first working language is the default of what the
        # town's people write, so the country's most used languages come first.
        usual = gazetteer.country_info(data["country"]).languages
        languages = sorted(
            (code for code in data.get("working_languages") or []
             if code in content_language_codes()),
            key=lambda code: usual.index(code) if code in usual else len(usual),
        )
        fields: dict[str, Any] = {
            "slug": slugify(latin or cyrillic_to_latin(name)),
            "name": name,
            "names": {"Latn": latin} if latin and script != "Latn" else {},
            "kind": data["kind"],
            "country": data["country"],
            "region_code": data.get("region_code") or "",
            "population": data.get("population"),
            "population_year": data.get("population_year"),
            "population_source": data.get("population_source") or "",
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "location_source": data.get("location_source") or "",
            "currency": data["currency"],
            "working_languages": languages,
        }
        if fields["region_code"]:
            fields["region_name"] = names.region_name(fields["region_code"], None)
            fields["region_source"] = "ISO 3166-2"
        return fields


def place_initial(place: gazetteer.Place) -> dict[str, Any]:
    """What GeoNames says of a place, as a member form's values for the coordinator to
    confirm or complete (GeoNames gives no year for its population figure)."""
    info = gazetteer.country_info(place.country)
    source = f"GeoNames {gazetteer.data_version()}"
    # The country's most used language, when it is a content language here; the
    # coordinator ticks any others.
    languages = [code for code in info.languages if code in content_language_codes()][:1]
    return {
        "name": place.name,
        "country": place.country,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "location_source": place.source,
        "population": place.population or None,
        "population_source": f"{source} (geonameid {place.geonameid})" if place.population
        else "",
        "currency": info.currency,
        "working_languages": languages,
        "kind": MunicipalityKind.TOWN if place.population < 100_000 else MunicipalityKind.CITY,
    }


class AddContentLanguageForm(NetworkForm):
    code = forms.ChoiceField(label=_("language"))
    name = forms.CharField(
        label=_("name in the language itself"), max_length=100, required=False,
        help_text=_("Left empty: as the CLDR data writes it (Español, العربية)."),
    )
    script = forms.CharField(
        label=_("script (ISO 15924)"), max_length=4, required=False,
        help_text=_("Left empty: the language's usual script (Latn, Cyrl, Arab …)."),
    )
    direction = forms.ChoiceField(
        label=_("writing direction"), required=False,
        choices=[("", _("as the CLDR data says")), ("ltr", _("left to right")),
                 ("rtl", _("right to left"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = set(content_language_codes())
        choice_field(self, "code").choices = [("", "—"), *(
            (code, f"{name} ({code})") for code, name in names.language_choices(_reader())
            if code not in known
        )]


class EditContentLanguageForm(NetworkForm):
    """An added content language's name, script and direction (the code stays)."""

    name = forms.CharField(label=_("name in the language itself"), max_length=100)
    script = forms.CharField(
        label=_("script (ISO 15924)"), max_length=4,
        help_text=_("Four letters, e.g. Latn, Cyrl, Arab."),
    )
    direction = forms.ChoiceField(
        label=_("writing direction"),
        choices=[("ltr", _("left to right")), ("rtl", _("right to left"))],
    )


class ExchangeRateForm(NetworkForm):
    date = forms.DateField(label=_("date"), widget=DateInput())
    base = CurrencyField(label=_("base currency"))
    quote = CurrencyField(label=_("quote currency"))
    rate = forms.DecimalField(
        label=_("rate"), max_digits=22, decimal_places=10, min_value=0, localize=True,
        help_text=_("How many units of the quote currency one unit of the base currency buys "
                    "on that day."),
    )
    source = forms.CharField(
        label=_("source"), max_length=300,
        help_text=_("Who publishes the rate, e.g. Banco Central de Nicaragua, official rate."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *names.currency_choices(_reader())]
        choice_field(self, "base").choices = choices
        choice_field(self, "quote").choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("base") and data.get("base") == data.get("quote"):
            self.add_error("quote", _("The quote currency differs from the base currency."))
        return data


class RatesFileForm(NetworkForm):
    file = forms.FileField(
        label=_("Rates file (CSV)"),
        help_text=_("A plain CSV with the header date,base,quote,rate,source, or the ECB's "
                    "reference rates (eurofxref.csv). All or nothing: a bad line is named and "
                    "nothing is saved."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (byte %(position)s).")
                % {"position": error.start + 1}
            ) from error
