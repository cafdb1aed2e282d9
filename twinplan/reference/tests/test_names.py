"""Names of countries and regions in the reader's language and in its alphabet's order."""

from __future__ import annotations

from twinplan.reference.names import country_choices, region_name, sort_key


def test_dj_sorts_after_d_not_after_z():
    names = ["Việt Nam", "Đức", "Serbia", "Dominica", "Ấn Độ", "Zambia"]
    assert sorted(names, key=sort_key) == [
        "Ấn Độ", "Dominica", "Đức", "Serbia", "Việt Nam", "Zambia"]


def test_the_vietnamese_country_list_puts_germany_among_the_d():
    names = [name for _code, name in country_choices("vi")]
    germany = names.index("Đức")
    last_d = max(i for i, name in enumerate(names) if name.startswith("D"))
    first_e = min(i for i, name in enumerate(names) if name.startswith("E"))
    assert last_d < germany < first_e


def test_regions_are_named_in_the_pages_script():
    assert region_name("DE-NI", "sr") == "Нидерсашсен"
    assert region_name("DE-NI", "sr-latn") == "Nidersašsen"
    assert region_name("RS-VO", "sr-latn") == "Vojvodina"
    assert region_name("DE-NI", "de") == "Niedersachsen"
