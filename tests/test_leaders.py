"""Office holders the gazetteer knows (kg/nlp/resources/leaders.jsonl): a title before a known name
gives the holder's country even where the text names none, or names another country nearer."""

from __future__ import annotations

import pytest

import kg
from kg.nlp.gazetteer import countries, fold_name, leaders
from test_outlets import types_of


def _positions(text: str) -> set[tuple[str, str]]:
    result = kg.build_text(text, published="2026-04-14")
    return {(f.subject, f.object) for f in result.facts if f.predicate == "holdsPosition"}


def test_fold_name_ignores_case_diacritics_dots_and_hyphens() -> None:
    assert fold_name("Assimi Goïta") == fold_name("assimi goita")
    assert fold_name("Kassym-Jomart Tokayev") == "kassym jomart tokayev"
    assert fold_name("S. Jaishankar") == "s jaishankar"


def test_every_office_holder_belongs_to_a_known_country_or_the_eu() -> None:
    known = {country.code for country in countries()} | {"EU"}
    table = leaders()
    assert len(table) > 300
    assert {code for codes in table.values() for code in codes} <= known | {"TW", "PS", "VA"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Prime Minister Giorgia Meloni opened a forum on critical raw materials in Genoa on Tuesday.",
     ("person:giorgia_meloni", "country:IT")),
    ("President Claudia Sheinbaum said on Monday that lithium would stay in public hands.",
     ("person:claudia_sheinbaum", "country:MX")),
])
def test_a_known_holder_gets_the_country_the_text_leaves_out(text: str, expected: tuple[str, str]) -> None:
    assert expected in _positions(text)


def test_a_known_holder_is_not_given_the_country_named_nearer() -> None:
    found = _positions("In Moscow on Friday, Prime Minister Narendra Modi and Russian President Vladimir Putin "
                       "signed a uranium supply accord.")
    assert ("person:narendra_modi", "country:IN") in found
    assert ("person:narendra_modi", "country:RU") not in found


def test_a_title_is_no_alias_of_the_country_it_implies() -> None:
    result = kg.build_text("Prime Minister Giorgia Meloni opened a forum on critical raw materials in Genoa.",
                           published="2026-04-14")
    italy = result.entity("Italy")
    assert "Prime Minister" not in italy.aliases


def test_an_unknown_name_still_takes_the_country_of_the_story() -> None:
    found = _positions("Peru hosted the Andean copper summit on Monday. President Rosa Quispe Mamani opened it.")
    assert ("person:rosa_quispe_mamani", "country:PE") in found


def test_a_title_that_names_its_country_is_no_alias_of_it_either() -> None:
    result = kg.build_text("Secretary of State Marco Rubio met Pakistan's foreign minister in Washington on Monday.",
                           published="2026-04-14")
    assert ("person:marco_rubio", "country:US") in {(f.subject, f.object) for f in result.facts}
    assert "Secretary of State" not in result.entity("United States").aliases


def test_a_known_office_holder_is_a_person_whatever_the_model_says() -> None:
    # the small model reads "Bahlil Lahadalia" as a place and "Adolfo Urso" not at all
    found = types_of("Bahlil Lahadalia told reporters in Jakarta that nickel ore exports would stay banned, "
                   "while Adolfo Urso spoke in Rome.")
    assert found.get("Bahlil Lahadalia") == "Person"
    assert found.get("Adolfo Urso") == "Person"


def test_a_known_name_after_a_long_title_keeps_its_own_words() -> None:
    # the title's last word is no given name of a person the gazetteer knows whole
    found = types_of("The plan was shown to European Commissioner for Industrial Strategy Stephane Sejourne in Athens.")
    assert found.get("Stephane Sejourne") == "Person"
    assert "Strategy Stephane Sejourne" not in found
