"""Deals: their parties, value and minerals, by party or by mineral."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from kg.queries._base import find_entity, run
from kg.rdf.iris import key_of_entity_iri
from kg.records import Amount

__all__ = ["Deal", "deals"]


@dataclass(frozen=True)
class Deal:
    """A deal with its parties (label → polarity/modality), value and minerals."""

    key: str
    label: str
    value: Amount | None
    parties: tuple[tuple[str, str, str], ...]  # (party label, polarity, modality)
    minerals: tuple[str, ...]

    def line(self) -> str:
        value = f" worth {self.value.amount:,} {self.value.currency}" if self.value else ""
        parties = ", ".join(p + ("" if pol == "positive" else " (NOT)") + ("" if mod == "asserted" else f" ({mod})")
                            for p, pol, mod in self.parties)
        minerals = f"; minerals: {', '.join(self.minerals)}" if self.minerals else ""
        return f"{self.label}{value}; parties: {parties}{minerals}"


def deals(graph: Any, *, party: str | None = None, mineral: str | None = None, deal: str | None = None) -> list[Deal]:
    """Deals, optionally those of ``party``, about ``mineral`` or named ``deal``.

    >>> [d.line() for d in deals(kg.load("out"), party="US Strategic Metals")]  # doctest: +SKIP
    ['$500 million deal with US Strategic Metals worth 500,000,000 USD; parties: Pakistan, US Strategic Metals']
    """
    bound = {}
    for name, value in (("party", party), ("mineral", mineral), ("deal", deal)):
        if value is not None:
            iri = find_entity(graph, value)
            if iri is None:
                return []
            bound[name] = iri
    asked = _deals_asked(graph, **bound)
    party_rows = run(graph, "deal_parties", deal=asked)
    mineral_rows = run(graph, "deal_minerals", deal=asked)
    named = sorted({row.party for row in party_rows} | {row.mineral for row in mineral_rows})
    label = {row.entity: str(row.label) for row in run(graph, "labels", entity=named)} if named else {}
    parties: dict[Any, set[tuple[str, str, str]]] = {}
    for row in party_rows:
        parties.setdefault(row.deal, set()).add((label[row.party], str(row.polarity).rsplit("#", 1)[1].lower(),
                                                  str(row.modality).rsplit("#", 1)[1].lower()))
    minerals: dict[Any, set[str]] = {}
    for row in mineral_rows:
        minerals.setdefault(row.deal, set()).add(label[row.mineral])
    found = []
    for row in sorted(run(graph, "deal_labels", deal=asked), key=lambda r: r.deal):
        if row.deal not in parties:  # a deal no one is party to is not listed
            continue
        value = Amount(int(row.amount.toPython()), str(row.currency)) if row.amount is not None else None
        found.append(Deal(key=key_of_entity_iri(row.deal), label=str(row.dealLabel), value=value,
                          parties=tuple(sorted(parties[row.deal])), minerals=tuple(sorted(minerals.get(row.deal, ())))))
    return found


def _deals_asked(graph: Any, *, party: URIRef | None = None, mineral: URIRef | None = None,
                 deal: URIRef | None = None) -> list[URIRef] | None:
    """The deals that are ``deal``, have ``party`` as a party and concern ``mineral`` (each when
    given), found from the bound entities; ``None`` (every deal) when none is given."""
    asked: set[Any] | None = None if deal is None else {deal}
    if party is not None:
        of_party = {row.deal for row in run(graph, "deals_of_party", party=party)}
        asked = of_party if asked is None else asked & of_party
    if mineral is not None:
        of_mineral = {row.deal for row in run(graph, "deals_of_mineral", mineral=mineral)}
        asked = of_mineral if asked is None else asked & of_mineral
    return None if asked is None else sorted(iri for iri in asked if isinstance(iri, URIRef))
