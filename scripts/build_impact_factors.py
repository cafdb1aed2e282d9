"""Rebuild the factor files of twinplan.impact that are derived from registry packages.

    python scripts/build_impact_factors.py            # download, rebuild, write
    python scripts/build_impact_factors.py --check    # rebuild and compare, exit 1 if stale
    python scripts/build_impact_factors.py --wheel-dir DIR   # use wheels already downloaded

Derived files (see twinplan/impact/data/README.md):

- ``grid_intensity.json`` from the energy-mix file in the PyPI package ``codecarbon``
  (MIT): ``codecarbon/data/private_infra/global_energy_mix.json``, field
  ``carbon_intensity`` (g CO2e/kWh) and ``year`` per country.
- ``fuels.json`` from the IPCC 2006 default carbon contents (Vol. 2, Ch. 1, Table 1.3)
  as transcribed in the PyPI package ``bonsai-ipcc`` (MIT):
  ``bonsai_ipcc/data/generic/par_carbon_content_per_energy.csv``. CO2 factor =
  carbon content x 44/12 with oxidation factor 1, the IPCC Table 1.4 convention.

The packages are fetched with ``pip download`` into a temporary directory and read
from the wheel; nothing is installed. Versions are pinned below so the committed
JSON is reproducible; raise a pin deliberately and review the diff.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

CODECARBON = "codecarbon==3.3.2"
BONSAI_IPCC = "bonsai-ipcc==0.5.3"
DATA_DIR = Path(__file__).resolve().parent.parent / "twinplan" / "impact" / "data"

#: twinplan fuel name -> IPCC 2006 fuel (bonsai-ipcc product name).
FUELS = {
    "natural_gas": "natural_gas",
    "heating_oil": "gas_diesel_oil",
    "diesel": "gas_diesel_oil",
    "petrol": "motor_gasoline",
    "lpg": "liquefied_petroleum_gases",
    "hard_coal": "other_bituminous_coal",
    "lignite": "lignite",
    "brown_coal_briquettes": "brown_coal_briquettes",
    "kerosene": "other_kerosene",
    "residual_fuel_oil": "residual_fuel_oil",
    "peat": "peat",
}

#: Biomass: no number is taken from a table, only the IPCC accounting convention.
BIOGENIC_FUELS = {
    "wood": "wood, wood chips, wood pellets",
    "biogas": "biogas",
}


def download(requirement: str, into: Path) -> Path:
    """Download one pinned wheel (no dependencies) and return its path."""
    subprocess.run(  # noqa: S603 - fixed arguments, pinned requirement
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary=:all:", "--dest", str(into), requirement],
        check=True,
    )  # fmt: skip
    return find_wheel(requirement, into)


def find_wheel(requirement: str, directory: Path) -> Path:
    name, version = requirement.split("==")
    stem = f"{name.replace('-', '_')}-{version}-"
    matches = sorted(p for p in directory.glob("*.whl") if p.name.startswith(stem))
    if not matches:
        raise SystemExit(f"no wheel for {requirement} in {directory}")
    return matches[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_grid(wheel: Path) -> dict[str, Any]:
    member = "codecarbon/data/private_infra/global_energy_mix.json"
    with zipfile.ZipFile(wheel) as archive:
        mix = json.loads(archive.read(member))
    factors = []
    for iso3, row in sorted(mix.items()):
        intensity = row.get("carbon_intensity")
        if intensity is None or len(iso3) != 3:
            continue
        record: dict[str, Any] = {
            "key": f"electricity.grid.{iso3}",
            "value": round(float(intensity), 3),
            "edition_year": int(row["year"]),
            "note": f"{row['country_name']}; data year {row['year']}",
        }
        factors.append(record)
    return {
        "title": "Electricity grid intensity by country (generation-based average)",
        "provenance": {
            "package": CODECARBON,
            "wheel": wheel.name,
            "wheel_sha256": sha256(wheel),
            "member": member,
            "field": "carbon_intensity",
            "rebuild": "python scripts/build_impact_factors.py",
        },
        "defaults": {
            "unit": "g CO2e/kWh",
            "source": (f"codecarbon {CODECARBON.split('==')[1]}, {member}, field carbon_intensity"),
            "licence": "MIT (codecarbon)",
            "verified": True,
            "url": "https://pypi.org/project/codecarbon/",
        },
        "factors": factors,
    }


def build_fuels(wheel: Path) -> dict[str, Any]:
    member = "bonsai_ipcc/data/generic/par_carbon_content_per_energy.csv"
    with zipfile.ZipFile(wheel) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read(member).decode("utf-8"))))
    carbon: dict[tuple[str, str], float] = {}
    for row in rows:
        if row["region"] == "World" and row["unit"] == "kg/GJ":
            carbon[(row["product"], row["property"])] = float(row["value"])

    def co2(product: str, prop: str) -> float:
        # kg C/GJ x 44/12 = kg CO2/GJ = t CO2/TJ; rounded to 0.1 t/TJ like Table 1.4.
        return round(carbon[(product, prop)] * 44 / 12, 1)

    factors: list[dict[str, Any]] = []
    for fuel, product in FUELS.items():
        factors.append({
            "key": f"fuel.{fuel}",
            "value": co2(product, "def"),
            "low": co2(product, "min"),
            "high": co2(product, "max"),
            "note": (
                f"IPCC fuel '{product}': carbon content {carbon[(product, 'def')]} kg C/GJ "
                f"(range {carbon[(product, 'min')]}-{carbon[(product, 'max')]}) x 44/12; "
                "CO2 from combustion only, per net calorific value; CH4, N2O and upstream "
                "chains not included"
            ),
        })  # fmt: skip
    for fuel, label in BIOGENIC_FUELS.items():
        factors.append({
            "key": f"fuel.{fuel}",
            "value": 0.0,
            "source": (
                "IPCC 2006 Guidelines, Vol. 2, Ch. 2, section 2.3.3.4: CO2 from biomass "
                "combustion is reported as a memo item, not in the energy total"
            ),
            "edition_year": 2006,
            "licence": "accounting convention (no value copied)",
            "verified": False,
            "note": (
                f"{label}: biogenic CO2 counted as zero by convention; CH4/N2O from "
                "combustion and supply chains not included"
            ),
        })  # fmt: skip
    return {
        "title": "Fuel combustion CO2 factors (IPCC 2006 defaults)",
        "provenance": {
            "package": BONSAI_IPCC,
            "wheel": wheel.name,
            "wheel_sha256": sha256(wheel),
            "member": member,
            "rebuild": "python scripts/build_impact_factors.py",
        },
        "defaults": {
            "unit": "t CO2/TJ",
            "source": (
                "IPCC 2006 Guidelines for National GHG Inventories, Vol. 2, Ch. 1, "
                f"Table 1.3 (default carbon content), as transcribed in {BONSAI_IPCC} "
                f"({member}); CO2 = C x 44/12 (Table 1.4 convention)"
            ),
            "edition_year": 2006,
            "licence": "IPCC guidelines (public); transcription MIT (bonsai-ipcc)",
            "verified": True,
            "url": (
                "https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/2_Volume2/"
                "V2_1_Ch1_Introduction.pdf"
            ),
        },
        "factors": factors,
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--wheel-dir", type=Path, help="use wheels already in this directory")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.wheel_dir:
            codecarbon = find_wheel(CODECARBON, args.wheel_dir)
            bonsai = find_wheel(BONSAI_IPCC, args.wheel_dir)
        else:
            codecarbon = download(CODECARBON, Path(tmp))
            bonsai = download(BONSAI_IPCC, Path(tmp))
        outputs = {
            "grid_intensity.json": render(build_grid(codecarbon)),
            "fuels.json": render(build_fuels(bonsai)),
        }

    stale = []
    for name, text in outputs.items():
        path = DATA_DIR / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(DATA_DIR.parent.parent.parent)}")
    if stale:
        print(f"stale: {', '.join(stale)}; run scripts/build_impact_factors.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
