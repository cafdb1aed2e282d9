#!/usr/bin/env python3
"""Build twinplan's reference data (twinplan/reference/data/*.json) from IATI 2.03 codelists.

Usage: python scripts/build_reference_data.py [--codelists DIR] [--output DIR]

Stdlib only. The output is deterministic: running the script twice gives identical files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CODELISTS = REPO.parent / "shared" / "standards" / "iati-2.03" / "codelists"
DEFAULT_OUTPUT = REPO / "twinplan" / "reference" / "data"

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CITATION = "IATI Standard 2.03"
LICENCE = "The IATI Standard's licence (see the IATI guidance on licensing)"
REPOSITORIES = {
    # A codelist's root element says embedded="1" or "0"; that decides its repository.
    "1": {"repository": "IATI/IATI-Codelists", "commit": "75e827b"},
    "0": {"repository": "IATI/IATI-Codelists-NonEmbedded", "commit": "7aeece7"},
}

# Official SDG colours (UN Department of Global Communications, SDG communications guidelines).
SDG_COLOURS = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2",
    7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E",
    13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B", 16: "#00689D", 17: "#19486A",
}  # fmt: skip

# Short goal names that are not in the codelists. Typed in from memory, NOT verified
# against the documents named in SHORT_NAME_SOURCES.
SHORT_NAMES: dict[str, list[str]] = {
    "de": [
        "Keine Armut",
        "Kein Hunger",
        "Gesundheit und Wohlergehen",
        "Hochwertige Bildung",
        "Geschlechtergleichheit",
        "Sauberes Wasser und Sanitäreinrichtungen",
        "Bezahlbare und saubere Energie",
        "Menschenwürdige Arbeit und Wirtschaftswachstum",
        "Industrie, Innovation und Infrastruktur",
        "Weniger Ungleichheiten",
        "Nachhaltige Städte und Gemeinden",
        "Nachhaltige/r Konsum und Produktion",
        "Maßnahmen zum Klimaschutz",
        "Leben unter Wasser",
        "Leben an Land",
        "Frieden, Gerechtigkeit und starke Institutionen",
        "Partnerschaften zur Erreichung der Ziele",
    ],
    "sr-latn": [
        "Svet bez siromaštva",
        "Svet bez gladi",
        "Dobro zdravlje",
        "Kvalitetno obrazovanje",
        "Rodna ravnopravnost",
        "Čista voda i sanitarni uslovi",
        "Dostupna i obnovljiva energija",
        "Dostojanstven rad i ekonomski rast",
        "Industrija, inovacije i infrastruktura",
        "Smanjenje nejednakosti",
        "Održivi gradovi i zajednice",
        "Odgovorna potrošnja i proizvodnja",
        "Akcija za klimu",
        "Život pod vodom",
        "Život na zemlji",
        "Mir, pravda i snažne institucije",
        "Partnerstvom do ciljeva",
    ],
    "vi": [
        "Xóa nghèo",
        "Không còn nạn đói",
        "Sức khỏe và có cuộc sống tốt",
        "Giáo dục có chất lượng",
        "Bình đẳng giới",
        "Nước sạch và vệ sinh",
        "Năng lượng sạch với giá thành hợp lý",
        "Việc làm tốt và tăng trưởng kinh tế",
        "Công nghiệp, sáng tạo và phát triển hạ tầng",
        "Giảm bất bình đẳng",
        "Các thành phố và cộng đồng bền vững",
        "Tiêu thụ và sản xuất có trách nhiệm",
        "Hành động về khí hậu",
        "Tài nguyên và môi trường biển",
        "Tài nguyên và môi trường trên đất liền",
        "Hòa bình, công lý và các thể chế vững mạnh",
        "Quan hệ đối tác vì các mục tiêu",
    ],
}
FROM_MEMORY = "typed in from memory; not checked against the named document"
SHORT_NAME_SOURCES = {
    "de": "intended: the official German short titles used by the German Federal Government "
    "and Engagement Global",
    "sr-latn": "intended: the Serbian short titles used by the UN in Serbia",
    "sr": "transliterated by this script from sr-latn (Serbian Latin to Cyrillic)",
    "vi": "intended: the Vietnamese short titles used by the UN in Viet Nam",
}

# Serbian Latin -> Cyrillic. Digraphs first. Words where the letter pairs are not digraphs
# (e.g. "nadživeti", "injekcija", "konjunktura") are not handled; none occurs in the names.
_DIGRAPHS = {"dž": "џ", "lj": "љ", "nj": "њ"}
_LETTERS = dict(
    zip(
        "abcčćdđefghijklmnoprsštuvzž",
        "абцчћдђефгхијклмнопрсштувзж",
        strict=True,
    )
)


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin script to Serbian Cyrillic."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair.lower() in _DIGRAPHS:
            digraph = _DIGRAPHS[pair.lower()]
            out.append(digraph.upper() if pair[0].isupper() else digraph)
            i += 2
            continue
        char = text[i]
        letter = _LETTERS.get(char.lower())
        if letter is None:
            out.append(char)  # digits, punctuation, spaces
        else:
            out.append(letter.upper() if char.isupper() else letter)
        i += 1
    return "".join(out)


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def _narratives(element: ET.Element | None, default_lang: str) -> dict[str, str]:
    if element is None:
        return {}
    return {
        n.get(XML_LANG, default_lang): _clean(n.text)
        for n in element.findall("narrative")
        if _clean(n.text)
    }


def read_codelist(directory: Path, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return the source header and the items (code, names, withdrawn, category) of a list."""
    root = ET.parse(directory / f"{name}.xml").getroot()  # noqa: S314 (trusted local file)
    if root.get("name") != name:
        raise ValueError(f"{name}.xml: unexpected codelist name {root.get('name')!r}")
    lang = root.get(XML_LANG, "en")
    source = {
        "citation": CITATION,
        "licence": LICENCE,
        **REPOSITORIES[root.get("embedded", "1")],
        "file": f"{name}.xml",
        "generated_by": "scripts/build_reference_data.py",
    }
    items = []
    for item in root.iter("codelist-item"):
        names = _narratives(item.find("name"), lang)
        entry: dict[str, Any] = {
            "code": _clean(item.findtext("code")),
            "names": names,
            "withdrawn": item.get("status") == "withdrawn",
        }
        if item.find("category") is not None:
            entry["category"] = _clean(item.findtext("category"))
        if not entry["code"] or "en" not in names:
            raise ValueError(f"{name}.xml: item without code or English name: {entry}")
        items.append(entry)
    return source, items


def build_sdgs(directory: Path) -> dict[str, Any]:
    goal_source, goal_items = read_codelist(directory, "UNSDG-Goals")
    target_source, target_items = read_codelist(directory, "UNSDG-Targets")
    prefix = re.compile(r"^(Goal|Objectif) (\d+)\.\s+")
    goals = []
    for item in goal_items:
        code = int(item["code"])
        names = {}
        for lang, text in item["names"].items():
            match = prefix.match(text)
            if match is None or int(match.group(2)) != code:
                raise ValueError(f"goal {code}: unexpected name {text!r}")
            names[lang] = text[match.end() :]
        for lang, short in SHORT_NAMES.items():
            names[lang] = unicodedata.normalize("NFC", short[code - 1])
        names["sr"] = latin_to_cyrillic(names["sr-latn"])
        goals.append({"code": code, "colour": SDG_COLOURS[code], "names": names})
    targets = [
        {"code": t["code"], "goal": int(t["code"].split(".")[0]), "titles": t["names"]}
        for t in target_items
    ]
    if len(goals) != 17 or len(targets) != 169:
        raise ValueError(f"expected 17 goals and 169 targets, got {len(goals)}/{len(targets)}")
    languages: dict[str, dict[str, Any]] = {
        lang: {"form": "full title", "source": "codelists", "verified": True}
        for lang in ("en", "fr")
    }
    for lang, where in SHORT_NAME_SOURCES.items():
        languages[lang] = {"form": "short title", "source": where, "verified": False}
        if lang != "sr":
            languages[lang]["note"] = FROM_MEMORY
    source = {
        **goal_source,
        "file": [goal_source["file"], target_source["file"]],
        "goal_names": languages,
        "goal_names_note": "Goal names in en/fr are the full UN goal titles from the codelist "
        "(the 'Goal N.' prefix removed); de, sr-latn, sr and vi are the short icon titles.",
        "colours": {
            "source": "intended: UN Department of Global Communications, SDG guidelines",
            "verified": False,
            "note": FROM_MEMORY,
        },
    }

    def target_key(target: dict[str, Any]) -> tuple[int, int, str]:
        sub = target["code"].split(".")[1]
        return (target["goal"], 0, sub.zfill(3)) if sub.isdigit() else (target["goal"], 1, sub)

    return {
        "source": source,
        "goals": sorted(goals, key=lambda g: g["code"]),
        "targets": sorted(targets, key=target_key),
    }


def build_countries(directory: Path) -> dict[str, Any]:
    source, items = read_codelist(directory, "Country")
    source["note"] = "Country.xml has English names only; 'fr' appears where the list has one."
    countries = [
        {"code": i["code"], "names": i["names"], "withdrawn": i["withdrawn"]} for i in items
    ]
    return {"source": source, "countries": sorted(countries, key=lambda c: c["code"])}


def build_currencies(directory: Path) -> dict[str, Any]:
    source, items = read_codelist(directory, "Currency")
    currencies = [
        {"code": i["code"], "name": i["names"]["en"], "withdrawn": i["withdrawn"]} for i in items
    ]
    return {"source": source, "currencies": sorted(currencies, key=lambda c: c["code"])}


def build_dac_sectors(directory: Path) -> dict[str, Any]:
    source, items = read_codelist(directory, "Sector")
    sectors = [
        {
            "code": i["code"],
            "name": i["names"]["en"],
            "category": i["category"],
            "withdrawn": i["withdrawn"],
        }
        for i in items
    ]
    result: dict[str, Any] = {"source": source}
    if (directory / "SectorCategory.xml").exists():
        cat_source, cat_items = read_codelist(directory, "SectorCategory")
        source["file"] = [source["file"], cat_source["file"]]
        categories = [
            {"code": c["code"], "name": c["names"]["en"], "withdrawn": c["withdrawn"]}
            for c in cat_items
        ]
        result["categories"] = sorted(categories, key=lambda c: c["code"])
    result["sectors"] = sorted(sectors, key=lambda s: s["code"])
    return result


def build_languages(directory: Path) -> dict[str, Any]:
    source, items = read_codelist(directory, "Language")
    languages = [{"code": i["code"], "name": i["names"]["en"]} for i in items]
    return {"source": source, "languages": sorted(languages, key=lambda lang: lang["code"])}


BUILDERS = {
    "sdgs.json": build_sdgs,
    "countries.json": build_countries,
    "currencies.json": build_currencies,
    "dac_sectors.json": build_dac_sectors,
    "languages.json": build_languages,
}


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def build(codelists: Path) -> dict[str, str]:
    """Return {file name: file text} for every reference data file."""
    return {name: render(builder(codelists)) for name, builder in BUILDERS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--codelists", type=Path, default=DEFAULT_CODELISTS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not args.codelists.is_dir():
        parser.error(f"codelists directory not found: {args.codelists}")
    args.output.mkdir(parents=True, exist_ok=True)
    for name, text in build(args.codelists).items():
        (args.output / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.output / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
