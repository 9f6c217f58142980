"""Entity-ruler patterns built from country data (countryinfo) and our data files in resources/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["Country", "countries", "country_by_code", "minerals", "organizations", "places", "seats", "titles", "title_countries", "appositive_titles", "lexicon", "ruler_patterns", "leaders", "fold_name", "ascii_spelling"]

RESOURCES = Path(__file__).parent / "resources"
_AMBIGUOUS_NAMES = {"Jersey", "Georgia", "Chad", "Jordan", "Wales", "Scotland"}
# Places whose names contain a country's ("the Gulf of Guinea" is a sea, not Guinea).
_PLACES_WITH_COUNTRY_NAMES = ("Gulf of Guinea",)


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2
    alpha3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    wikidata: str | None


def _json(name: str) -> Any:
    return json.loads((RESOURCES / name).read_text(encoding="utf-8"))


def _jsonl(name: str) -> list[dict[str, Any]]:
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of countryinfo, with our extra aliases; ambiguous demonyms dropped."""
    from countryinfo import CountryInfo

    extra = _json("countries_extra.json")
    rows = CountryInfo("India").all().values()
    # A demonym shared by several entries ("Chinese": China, Hong Kong, Macau) goes to the most
    # populous one; an entry whose name is another entry's alias ("Burma") is left out.
    owner: dict[str, tuple[int, str]] = {}
    alias_names = set()
    for row in rows:
        demonym, population = row.get("demonym") or "", row.get("population") or 0
        if demonym and population >= owner.get(demonym, (-1, ""))[0]:
            owner[demonym] = (population, row.get("name", ""))
        alias_names |= {a for a in row.get("altSpellings") or [] if a != row.get("name")}
    result = []
    for row in rows:
        iso = row.get("ISO") or {}
        code = iso.get("alpha2")
        if not code or not row.get("name") or row["name"] in alias_names:
            continue
        name = row["name"]
        aliases = [a for a in row.get("altSpellings") or [] if a.isascii() and len(a) > 3 and a != name]
        aliases += extra["aliases"].get(code, [])
        aliases = [a for a in aliases if a not in extra["not_aliases"].get(code, [])]
        aliases += [a.replace(" of the ", " of ") for a in [name, *aliases] if " of the " in a]
        demonym = row.get("demonym") or ""
        demonyms = [demonym] if demonym and owner.get(demonym, (0, ""))[1] == name else []
        demonyms += extra["demonyms"].get(code, [])
        capital = row.get("capital") or []
        capitals = [c for c in ([capital] if isinstance(capital, str) else capital) if c]
        capitals += extra["capitals"].get(code, [])
        capitals = [c for c in capitals if c not in extra["not_capitals"].get(code, [])]
        result.append(
            Country(
                code=code,
                alpha3=iso.get("alpha3", ""),
                name=name,
                aliases=tuple(dict.fromkeys(aliases)),
                demonyms=tuple(dict.fromkeys(demonyms)),
                capitals=tuple(dict.fromkeys(capitals)),
                wikidata=extra["wikidata"].get(code),
            )
        )
    return tuple(sorted(result, key=lambda c: c.code))


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Country]:
    # the first entry of a code is the state ("United Kingdom", not "Wales", also GB in countryinfo)
    found: dict[str, Country] = {}
    for country in countries():
        found.setdefault(country.code, country)
    return found


def country_by_code(code: str) -> Country:
    return _by_code()[code]


@lru_cache(maxsize=1)
def ambiguous_country_names() -> dict[str, str]:
    """Country names left out of the ruler because they also name a person or a US state → code."""
    return {country.name: country.code for country in countries()
            if country.name in _AMBIGUOUS_NAMES - {"Wales", "Scotland"}}


@lru_cache(maxsize=1)
def minerals() -> tuple[dict[str, Any], ...]:
    return tuple(_jsonl("minerals.jsonl"))


@lru_cache(maxsize=1)
def seats() -> tuple[dict[str, Any], ...]:
    return tuple(_jsonl("seats.jsonl"))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Names of towns, cities, provinces and states (``resources/places.json``, written by
    ``scripts/make_places.py``). No ruler reads them: many are also a person's or a company's
    name, so a name here is a place only where the words around it want one."""
    return frozenset(_json("places.json")["names"])


@lru_cache(maxsize=1)
def organizations() -> tuple[dict[str, Any], ...]:
    return tuple(_jsonl("organizations.jsonl"))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    return {k: v for k, v in _json("lexicon.json").items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Title text → scope (``country`` or ``organization``)."""
    data = _json("titles.json")
    found: dict[str, str] = {}
    for portfolio in data["portfolios"]:
        for head in data["heads"]:
            found[f"{portfolio} {head}"] = "country"
            found[f"{head} of {portfolio}"] = "country"
            found[f"{head} of the {portfolio}"] = "country"  # "Secretary of the Interior"
            found[f"{head} for {portfolio}"] = "country"
    for title in data["country_titles"]:
        found[title] = "country"
    for title in data["organization_titles"]:
        found[title] = "organization"
    for title, scope in list(found.items()):
        for modifier in data["modifiers"]:
            found[f"{modifier} {title}"] = scope
    return found


@lru_cache(maxsize=1)
def title_countries() -> dict[str, str]:
    """Titles that name their country ("Secretary of State" → US), lower-cased."""
    return {k.casefold(): v for k, v in _json("titles.json")["title_countries"].items()}


def ascii_spelling(name: str) -> str:
    """``name`` without its diacritics ("Assimi Goïta" → "Assimi Goita", "Luleå" → "Lulea")."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def fold_name(name: str) -> str:
    """A person's name for lookup: case, diacritics, dots and hyphens ignored ("Assimi Goïta" is
    "assimi goita", "Kassym-Jomart Tokayev" is "kassym jomart tokayev")."""
    plain = ascii_spelling(name)
    return " ".join(plain.replace(".", " ").replace("-", " ").casefold().split())


@lru_cache(maxsize=1)
def leaders() -> dict[str, frozenset[str]]:
    """Office holders (``resources/leaders.jsonl``: heads of state and government, foreign, mines,
    energy and trade ministers, as of late 2025): a folded full name or alias → the ISO codes (or
    ``EU``) of the countries whose office holders are called that; a surname alone is listed under
    ``"~surname"``."""
    found: dict[str, set[str]] = {}
    for row in _jsonl("leaders.jsonl"):
        for name in (row["name"], *row["aliases"]):
            folded = fold_name(name)
            if " " in folded:
                found.setdefault(folded, set()).add(row["country"])
        surname = fold_name(row["name"]).split()[-1]
        found.setdefault(f"~{surname}", set()).add(row["country"])
    return {name: frozenset(codes) for name, codes in found.items()}


KNOWN_PERSON = "person:known"  # the id of a person's name the ruler found (dropped from the final entities)


def _leader_names() -> list[str]:
    """The full names and aliases of ``leaders.jsonl`` of two words or more, as written and without
    their diacritics ("Assimi Goïta", "Assimi Goita"): people the model may not know are people
    ("Bahlil Lahadalia" is no place)."""
    names: dict[str, None] = {}
    for row in _jsonl("leaders.jsonl"):
        for name in (row["name"], *row["aliases"]):
            if " " in name.strip():
                names.update({name: None, ascii_spelling(name): None})
    return list(names)


@lru_cache(maxsize=1)
def appositive_titles() -> frozenset[str]:
    """Title nouns that name a post in apposition to a person ("Robert Haines, the bank's chairman")."""
    return frozenset(t.casefold() for t in _json("titles.json")["appositive_titles"])


def _with_capitals(name: str) -> list[str]:
    """A country's or a capital's name, and the same in capitals where a dateline or a heading
    writes it so ("BAMAKO, 26 February", "WHY MYANMAR?"); not a short one, which may be an acronym."""
    upper = name.upper()
    return [name, upper] if upper != name and len(name) >= 4 and name.replace(" ", "").isalpha() else [name]


def ruler_patterns() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Patterns for two entity rulers: case-sensitive names, and lower-cased minerals/titles.

    Labels: COUNTRY (names, aliases, demonyms), CITY (capitals), SEAT (seats of government),
    ORG (our organisations), PERSON (office holders), MINERAL, TITLE. The ``id`` carries the
    canonical key (``country:PK``, ``mineral:lithium``).
    """
    exact: list[dict[str, Any]] = []
    for country in countries():
        key = f"country:{country.code}"
        names = [country.name, *country.aliases]
        for name in names:
            if name in _AMBIGUOUS_NAMES:
                continue
            exact += [{"label": "COUNTRY", "pattern": form, "id": key} for form in _with_capitals(name)]
        for demonym in country.demonyms:
            exact.append({"label": "DEMONYM", "pattern": demonym, "id": key})
        for capital in country.capitals:
            exact += [{"label": "CITY", "pattern": form, "id": key} for form in _with_capitals(capital)]
    for org in organizations():
        for alias in [org["label"], *org.get("aliases", [])]:
            exact.append({"label": "ORG", "pattern": alias, "id": f"org:{org['key']}"})
    for key, cities in _json("countries_extra.json")["organization_capitals"].items():
        for city in cities:
            exact.append({"label": "CITY", "pattern": city, "id": f"org:{key}"})
    for place in _PLACES_WITH_COUNTRY_NAMES:
        exact.append({"label": "GPE", "pattern": place})
    for seat in seats():
        exact.append({"label": "SEAT", "pattern": seat["text"], "id": f"country:{seat['country']}"})
    for name in _leader_names():
        exact.append({"label": "PERSON", "pattern": name, "id": KNOWN_PERSON})
    lower: list[dict[str, Any]] = []
    for mineral in minerals():
        for alias in mineral["aliases"]:
            lower.append({"label": "MINERAL", "pattern": alias, "id": f"mineral:{mineral['key']}"})
    # Titles of several words, and single words that are titles whatever their case, match in
    # lower case ("U.S. special envoy Marcus Reed"); other single words must be capitalised.
    casefree = set(_json("titles.json")["casefree_words"])
    for title, scope in titles().items():
        pattern = {"label": "TITLE", "pattern": title, "id": f"title:{scope}"}
        if " " in title or title.casefold() in casefree:
            lower.append(pattern)
        else:
            exact.append(pattern)
    return exact, lower
