"""Serbian in both scripts. Cyrillic → Latin is one-to-one; Latin → Cyrillic is not
("nadživeti" has d+ž, not the letter dž; foreign words keep Latin spellings), so text
derived that way is treated as a machine translation until a person reviews it."""

from __future__ import annotations

_CYRILLIC_TO_LATIN = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž",
    "З": "Z", "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N",
    "Њ": "Nj", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U",
    "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č", "Џ": "Dž", "Ш": "Š",
}
_CYRILLIC_TO_LATIN.update({k.lower(): v.lower() for k, v in list(_CYRILLIC_TO_LATIN.items())})

_LATIN_DIGRAPHS = {"Lj": "Љ", "LJ": "Љ", "lj": "љ", "Nj": "Њ", "NJ": "Њ", "nj": "њ",
                   "Dž": "Џ", "DŽ": "Џ", "dž": "џ"}
_LATIN_TO_CYRILLIC = {
    latin: cyrillic
    for cyrillic, latin in _CYRILLIC_TO_LATIN.items()
    if len(latin) == 1
}


def cyrillic_to_latin(text: str) -> str:
    """Serbian Cyrillic to Latin; characters of other scripts pass unchanged."""
    out = []
    for index, char in enumerate(text):
        latin = _CYRILLIC_TO_LATIN.get(char, char)
        # An upper-case digraph letter inside an upper-case word stays upper case: ЉУБАВ → LJUBAV.
        if len(latin) == 2 and char.isupper():
            neighbour = text[index + 1: index + 2] or text[index - 1: index]
            if neighbour.isupper():
                latin = latin.upper()
        out.append(latin)
    return "".join(out)


def latin_to_cyrillic(text: str) -> str:
    """Serbian Latin to Cyrillic, reading lj, nj and dž as one letter each (right for most
    words, wrong for some: review the result)."""
    out = []
    index = 0
    while index < len(text):
        pair = text[index: index + 2]
        if pair in _LATIN_DIGRAPHS:
            out.append(_LATIN_DIGRAPHS[pair])
            index += 2
            continue
        out.append(_LATIN_TO_CYRILLIC.get(text[index], text[index]))
        index += 1
    return "".join(out)
