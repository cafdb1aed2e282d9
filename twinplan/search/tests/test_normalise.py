from twinplan.search.normalise import normalise, words


def test_script_accents_and_case_do_not_matter():
    assert normalise("Рума") == normalise("Ruma") == "ruma"
    assert words("Hội An") == words("hoi an") == ["hoi", "an"]
    assert normalise("Bersenbrück") == "bersenbruck"
    assert normalise("Đà Nẵng") == "da nang"
    assert normalise("Ђурђевдан") == "durdevdan"
    assert normalise("Straße") == "strasse"


def test_punctuation_and_operators_are_no_words():
    assert words("' * \" ( ) : - ^") == []
    assert words("AND OR NOT") == ["and", "or", "not"]
    assert words("CO₂-Bilanz 2024") == ["co2", "bilanz", "2024"]
