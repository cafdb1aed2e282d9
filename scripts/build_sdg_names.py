#!/usr/bin/env python3
"""Build the published translations of the SDG goal and target names
(twinplan/reference/data/sdg_names.json) from Open SDG's sdg-translations.

Usage: python scripts/build_sdg_names.py [--translations DIR] [--output FILE]

DIR holds one folder per language (de/, en/, es/, zh-Hans/ …) with global_goals.yml
("13-short: Maßnahmen zum Klimaschutz", "13-title: …") and global_targets.yml
("13-1-title: …"). The goal name kept is the short title (the icon's title, as the pages
show it); the target name is the target's title. `twinplan.reference.codes` lays these
names over the IATI codelists' (sdgs.json, built by scripts/build_reference_data.py), so
run this script after that one when both change; then `./manage.py sync_reference_data`
(or the data migration) writes the rows. Languages without a published translation
(Serbian, Vietnamese) keep the names of sdgs.json, which the pages mark as unverified.

Needs PyYAML (requirements/dev.txt). The output is deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TRANSLATIONS = REPO.parent / "shared" / "standards" / "sdg-translations"
DEFAULT_OUTPUT = REPO / "twinplan" / "reference" / "data" / "sdg_names.json"

SOURCE = {
    "citation": "Open SDG, sdg-translations: translations of the SDG goals and targets",
    "repository": "open-sdg/sdg-translations",
    "files": ["<language>/global_goals.yml", "<language>/global_targets.yml"],
    "licence": "MIT (Copyright (c) 2019 Open SDG)",
    "generated_by": "scripts/build_sdg_names.py",
    "goal_names": "the goal's short title (<n>-short)",
    "target_titles": "the target's title (<n>-<m>-title)",
}


def django_code(folder: str) -> str:
    """The Django language code of a folder name: "zh-Hans" → "zh-hans", "nb_NO" → "nb"."""
    if folder == "nb_NO":
        return "nb"
    return folder.replace("_", "-").lower()


def _text(value: Any) -> str:
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def read_language(folder: Path) -> tuple[dict[int, str], dict[str, str]]:
    goals_file, targets_file = folder / "global_goals.yml", folder / "global_targets.yml"
    goals: dict[int, str] = {}
    targets: dict[str, str] = {}
    if goals_file.exists():
        for key, value in (yaml.safe_load(goals_file.read_text(encoding="utf-8")) or {}).items():
            number, _sep, kind = str(key).partition("-")
            if kind == "short" and number.isdigit() and value:
                goals[int(number)] = _text(value)
    if targets_file.exists():
        data = yaml.safe_load(targets_file.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            parts = str(key).split("-")
            if len(parts) == 3 and parts[2] == "title" and parts[0].isdigit() and value:
                targets[f"{int(parts[0])}.{parts[1].lower()}"] = _text(value)
    return goals, targets


def build(directory: Path) -> dict[str, Any]:
    goals: dict[str, dict[str, str]] = {}
    targets: dict[str, dict[str, str]] = {}
    languages: dict[str, dict[str, int]] = {}
    for folder in sorted(p for p in directory.iterdir() if p.is_dir()):
        language = django_code(folder.name)
        goal_names, target_titles = read_language(folder)
        if not goal_names and not target_titles:
            continue
        for number, name in goal_names.items():
            goals.setdefault(str(number), {})[language] = name
        for code, title in target_titles.items():
            targets.setdefault(code, {})[language] = title
        languages[language] = {"goals": len(goal_names), "targets": len(target_titles)}
    if len(goals) != 17:
        raise ValueError(f"expected names for 17 goals, got {len(goals)}")

    def target_key(code: str) -> tuple[int, int, str]:
        goal, sub = code.split(".")
        return (int(goal), 0, sub.zfill(3)) if sub.isdigit() else (int(goal), 1, sub)

    return {
        "source": {**SOURCE, "languages": languages},
        "goals": {key: dict(sorted(goals[key].items())) for key in sorted(goals, key=int)},
        "targets": {key: dict(sorted(targets[key].items()))
                    for key in sorted(targets, key=target_key)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--translations", type=Path, default=DEFAULT_TRANSLATIONS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not args.translations.is_dir():
        print(f"no such directory: {args.translations}", file=sys.stderr)
        return 1
    data = build(args.translations)
    args.output.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
    )
    counts = data["source"]["languages"]
    shown = args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output
    print(f"wrote {shown}: {len(counts)} languages ({', '.join(counts)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
