"""The organisations of kg/nlp/resources/organizations.jsonl: names the entity ruler matches exactly,
so each must name one organisation and no ordinary word."""

from __future__ import annotations

from collections import Counter

import pytest

import kg
from kg.nlp.gazetteer import organizations


def test_every_organisation_has_a_unique_key_and_unambiguous_names() -> None:
    rows = organizations()
    assert len(rows) > 300
    keys = Counter(row["key"] for row in rows)
    assert [key for key, n in keys.items() if n > 1] == []
    names = Counter(name for row in rows for name in {n.casefold() for n in (row["label"], *row.get("aliases", []))})
    assert [name for name, n in names.items() if n > 1] == []
    assert {name for name in names if len(name) < 3} <= {"eu", "g7", "un", "au"}  # no other two-letter name
    assert all(str(row.get("wikidata") or "Q1").startswith("Q") for row in rows)  # a QID or none


@pytest.mark.parametrize(("text", "name"), [
    ("KGHM Polska Miedz said on Tuesday it would expand its smelter in Glogow.", "KGHM"),
    ("Kazakhstan's Tau-Ken Samruk will build a tungsten plant near Astana, the company said.", "Tau-Ken Samruk"),
    ("The U.S. International Development Finance Corporation will lend $150 million to the project.",
     "U.S. International Development Finance Corporation"),
])
def test_a_listed_organisation_is_an_organisation(text: str, name: str) -> None:
    result = kg.build_text(text, published="2026-05-12")
    entity = result.entity(name)
    assert entity.type == "Organization" and entity.key[len("org:"):] in {row["key"] for row in organizations()}


def test_the_first_word_of_a_listed_company_alone_is_that_company() -> None:
    result = kg.build_text("Manara Minerals is in talks to buy a stake in the mine. Manara and Barrick declined to comment.",
                           published="2026-05-12")
    assert "Manara" in result.entity("Manara Minerals").aliases
    assert [e.label for e in result.entities if e.type in {"Location", "Person"}] == []


def test_a_hyphenated_company_before_signed_is_no_part_of_the_deal() -> None:
    result = kg.build_text("Tau-Ken Samruk signed a tungsten supply agreement with a German refiner on Monday.",
                           published="2026-05-12")
    assert result.entity("Tau-Ken Samruk").type == "Organization"
    deals = [e.label for e in result.entities if e.type == "Deal"]
    assert deals and not any("signed" in label for label in deals)


def test_places_hold_towns_and_provinces_not_countries_or_listed_organisations() -> None:
    from kg.nlp.gazetteer import places

    found = places()
    assert {"Kolwezi", "Rustenburg", "Luleå", "Lulea", "Catamarca", "Jujuy"} <= found  # a town, its ASCII spelling, provinces
    assert not {"Chile", "Santiago", "Glencore", "European Union"} & found  # the rulers type these
    assert all(name[:1].isupper() and "(" not in name for name in found)


def test_gazetteer_countries_and_capitals_match_in_capitals_too() -> None:
    from kg.nlp.gazetteer import ruler_patterns

    exact, _ = ruler_patterns()
    found = {(p["label"], p["pattern"]) for p in exact}
    # a dateline's or a heading's capitals ("BAMAKO, 26 February", "WHY MYANMAR?")
    assert {("COUNTRY", "ARGENTINA"), ("CITY", "OUAGADOUGOU"), ("COUNTRY", "SOUTH AFRICA")} <= found
    assert ("COUNTRY", "CUBA") in found and ("COUNTRY", "FIJI") in found
    assert ("COUNTRY", "GEORGIA") not in found  # an ambiguous name stays out in any case


def test_gazetteer_a_code_shared_by_several_entries_names_the_state() -> None:
    from kg.nlp.gazetteer import country_by_code

    assert country_by_code("GB").name == "United Kingdom"  # countryinfo also files Wales under GB
