"""Fill the English interface catalogue: every msgstr is its msgid.

    python scripts/fill_en_po.py            # write en/LC_MESSAGES/django.po
    python scripts/fill_en_po.py --check    # exit 1 when an entry is not filled

The interface is written in English, so the English catalogue only makes the completeness
check uniform across the five languages. Run it after ``manage.py makemessages``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "twinplan" / "locale" / "en" / "LC_MESSAGES" / "django.po"

HEADER = (
    "twinplan interface, English (the source language).\n"
    "Filled by scripts/fill_en_po.py: every msgstr is its msgid.\n"
    "This file is distributed under the same license as the twinplan package."
)


def fill(catalogue: polib.POFile) -> polib.POFile:
    """The catalogue with msgstr = msgid everywhere, nothing fuzzy."""
    catalogue.header = HEADER
    catalogue.metadata_is_fuzzy = False
    catalogue.metadata["Language"] = "en"
    catalogue.metadata["Language-Team"] = "English"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    return catalogue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    current = TARGET.read_text(encoding="utf-8")
    text = str(fill(polib.pofile(current))) + "\n"
    if args.check:
        if text != current:
            print(f"{TARGET.relative_to(REPO)} is not filled: run python scripts/fill_en_po.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
