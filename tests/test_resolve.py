"""Mentions → entities (kg.resolve): one node per real thing, however an article writes its name."""

from __future__ import annotations

import pytest

from kg.records import Amount, Mention
from kg.resolve import _deal_keys, _deal_reference_keys, _org_keys, entity_key


def _org(text: str, key: str | None = None, name: str | None = None, doc: str = "d") -> tuple[str, Mention]:
    return doc, Mention(start=0, end=len(text), text=text, type="Organization", key=key, name=name)


def _deal(text: str, amount: int | None = None, currency: str = "USD") -> tuple[str, Mention]:
    value = Amount(amount=amount, currency=currency) if amount is not None else None
    return "d", Mention(start=0, end=len(text), text=text, type="Deal", value=value)


@pytest.mark.parametrize(("long", "short"), [
    ("Kestrel Nickel Ltd", "Kestrel Nickel"),
    ("Kestrel Nickel Ltd.", "Kestrel Nickel"),
    ("Orinoco Metais S.A.", "Orinoco Metais"),
    ("Baltic Ore AB", "Baltic Ore"),
    ("Tanaka & Co", "Tanaka"),
    ("Meridian Graphite Holdings Pty Ltd", "Meridian Graphite Holdings"),
])
def test_a_legal_form_is_no_part_of_a_companys_key(long: str, short: str) -> None:
    assert entity_key(_org(long)[1]) == entity_key(_org(short)[1])


def test_a_name_that_is_only_a_legal_form_keeps_it_and_other_types_are_untouched() -> None:
    assert entity_key(_org("Limited")[1]) == "org:limited"
    deal = Mention(start=0, end=10, text="Nickel Co", type="Deal")
    assert entity_key(deal) == "deal:nickel_co"


def test_an_alias_takes_the_gazetteer_key_of_the_name_it_stands_for() -> None:
    # "Korea Resources Agency (KRAG)": the long form has the gazetteer's key, the acronym only its name
    keys = _org_keys([_org("Korea Resources Agency", key="org:krag"), _org("KRAG", name="Korea Resources Agency")])
    assert set(keys.values()) == {"org:krag"}


def test_a_one_word_name_joins_the_one_longer_name_it_is_a_word_of() -> None:
    keys = _org_keys([_org("Hubei Qinglong Cobalt Industry"), _org("Qinglong")])
    assert keys[0] == keys[1]
    keys = _org_keys([_org("African Commission", key="org:african_commission"), _org("Commission")])
    assert keys[1] == "org:african_commission"


def test_a_one_word_name_of_two_longer_names_or_of_another_document_stays_itself() -> None:
    keys = _org_keys([_org("Qinglong Cobalt"), _org("Qinglong Shipping"), _org("Qinglong")])
    assert len(set(keys.values())) == 3
    keys = _org_keys([_org("Hubei Qinglong Cobalt", doc="a"), _org("Qinglong", doc="b")])
    assert keys[0] != keys[1]


def test_deals_with_the_same_value_are_one_deal() -> None:
    keys = _deal_keys([_deal("A$2.5bn critical minerals compact", 2_500_000_000, "AUD"),
                       _deal("A$2.5bn processing partnership", 2_500_000_000, "AUD"),
                       _deal("separate $300 million loan", 300_000_000)])
    assert keys[0] == keys[1] != keys[2]


def test_deals_with_the_same_amount_in_other_currencies_stay_apart() -> None:
    keys = _deal_keys([_deal("$40 million offtake", 40_000_000), _deal("EUR 40 million grant", 40_000_000, "EUR")])
    assert keys[0] != keys[1]


def _references(reference: str) -> dict[int, str]:
    """One document: a stake sale with Kivu Mining and Chile as parties, an offtake with Baltic Ore, and
    ``reference``; the keys _deal_reference_keys gives."""
    mentions = [
        ("d", Mention(start=0, end=11, text="Kivu Mining", type="Organization")),
        ("d", Mention(start=0, end=5, text="Chile", type="Country", key="country:CL")),
        _deal("sale of a 20% stake in the Tarn copper project for $300 million", 300_000_000),
        ("d", Mention(start=0, end=10, text="Baltic Ore", type="Organization")),
        _deal("offtake agreement with Baltic Ore"),
        ("d", Mention(start=0, end=7, text="Chilean", type="Country", key="country:CL")),
        _deal(reference),
    ]
    keys = {i: entity_key(m) for i, (_d, m) in enumerate(mentions)}
    return _deal_reference_keys(mentions, keys, [(0, 2), (1, 2), (3, 4)])


@pytest.mark.parametrize("reference", ["the Kivu Mining deal", "the Chilean pact", "Tarn copper deal"])
def test_a_deal_reference_named_by_a_party_or_project_of_one_deal_is_that_deal(reference: str) -> None:
    # a party by its name or by its key (the demonym), a project by the words of the deal's text
    assert _references(reference) == {6: entity_key(_deal("sale of a 20% stake in the Tarn copper project for "
                                                          "$300 million", 300_000_000)[1])}


@pytest.mark.parametrize("reference", [
    "the Zambezi deal",  # names no party or project of a deal of the document
    "the Tarn nickel deal",  # "nickel" stands in no deal's text
    "the new Kivu Mining and Baltic Ore offtake agreement",  # more than four words: a deal of its own
    "agreement",  # no name
])
def test_a_deal_reference_that_names_no_single_deal_stays_itself(reference: str) -> None:
    assert _references(reference) == {}


@pytest.mark.parametrize("shared, merged", [(True, True), (False, False)])
def test_a_deal_reference_may_name_a_mineral_when_it_shares_a_party_with_the_deal(shared: bool, merged: bool) -> None:
    # the headline's "Eramet seals manganese supply pact" for "Eramet signed a $200 million supply agreement"
    mentions = [("d", Mention(start=0, end=6, text="Eramet", type="Organization")),
                ("d", Mention(start=0, end=9, text="manganese", type="Mineral", key="mineral:manganese")),
                _deal("manganese supply pact"), _deal("$200 million supply agreement", 200_000_000)]
    keys = {i: entity_key(m) for i, (_d, m) in enumerate(mentions)}
    parties = [(0, 2), (0, 3)] if shared else [(0, 3)]
    assert (_deal_reference_keys(mentions, keys, parties) == {2: keys[3]}) is merged


def test_a_deal_reference_named_by_parties_of_two_deals_stays_itself() -> None:
    mentions = [("d", Mention(start=0, end=11, text="Kivu Mining", type="Organization")),
                _deal("sale of a 20% stake in Tarn Copper for $300 million", 300_000_000),
                _deal("offtake agreement with Kivu Mining"), _deal("the Kivu Mining deal")]
    keys = {i: entity_key(m) for i, (_d, m) in enumerate(mentions)}
    assert _deal_reference_keys(mentions, keys, [(0, 1), (0, 2)]) == {}


def test_a_company_written_with_and_without_its_legal_form_is_one_entity() -> None:
    import kg

    result = kg.build_text(
        "Kestrel Nickel Ltd signed a $75 million supply agreement with Tokai Battery on Monday. "
        "Shares in Kestrel Nickel rose 8 percent after the announcement.", published="2026-05-04")
    kestrel = [e for e in result.entities if e.type == "Organization" and e.label.startswith("Kestrel")]
    assert len(kestrel) == 1, kestrel
    assert {kestrel[0].label, *kestrel[0].aliases} >= {"Kestrel Nickel Ltd", "Kestrel Nickel"}
