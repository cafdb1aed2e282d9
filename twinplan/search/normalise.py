"""Text as the search index keeps it and a query is read: Serbian Cyrillic in Latin
letters, without diacritics, in lower case, as words. "Рума" and "Ruma", "Hội An" and
"Hoi An", "Bersenbrück" and "Bersenbruck" read the same."""

from __future__ import annotations

import re
import unicodedata

from twinplan.core.transliteration import cyrillic_to_latin

# Letters NFKD does not take apart into a base letter and a mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
                          "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i"})
_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """`text` in Latin letters without marks, case-folded."""
    latin = cyrillic_to_latin(text or "").translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", latin)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold()


def words(text: str) -> list[str]:
    """The words of `text`, normalised; punctuation and operators are no words."""
    return _WORD.findall(normalise(text))
