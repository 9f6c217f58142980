"""The facts that support or contradict a statement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.queries._base import Answer, facts, find_entity

__all__ = ["Claim", "check_claim"]


@dataclass(frozen=True)
class Claim:
    """What the graph says about "subject predicate object" (positive unless ``negated``)."""

    supporting: tuple[Answer, ...]
    contradicting: tuple[Answer, ...]

    @property
    def verdict(self) -> str:
        if self.supporting and not self.contradicting:
            return "supported"
        if self.contradicting and not self.supporting:
            return "contradicted"
        return "disputed" if self.supporting else "unknown"


def check_claim(graph: Any, subject: str, predicate: str, object: str, *, negated: bool = False) -> Claim:
    """Facts for and against a statement, e.g. ``check_claim(g, "Pakistan", "invitedTo", "GMC")``."""
    s, o = find_entity(graph, subject), find_entity(graph, object)
    if s is None or o is None:
        return Claim((), ())
    found = facts(graph, subject=s, predicate=predicate, object=o)
    if predicate == "metWith":
        found += facts(graph, subject=o, predicate=predicate, object=s)
    wanted = "negative" if negated else "positive"
    return Claim(tuple(a for a in found if a.polarity == wanted), tuple(a for a in found if a.polarity != wanted))
