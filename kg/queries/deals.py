"""Deals: their parties, value and minerals, by party or by mineral."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    deal_iris = {row.deal for row in run(graph, "deals", **bound)}
    found = []
    for iri in sorted(deal_iris):
        rows = run(graph, "deals", deal=iri)
        first = rows[0]
        value = Amount(int(first.amount.toPython()), str(first.currency)) if first.amount is not None else None
        parties = sorted({(str(r.partyLabel), str(r.polarity).rsplit("#", 1)[1].lower(),
                           str(r.modality).rsplit("#", 1)[1].lower()) for r in rows})
        minerals = sorted({str(r.mineralLabel) for r in rows if r.mineralLabel is not None})
        found.append(Deal(key=key_of_entity_iri(iri), label=str(first.dealLabel), value=value,
                          parties=tuple(parties), minerals=tuple(minerals)))
    return found
