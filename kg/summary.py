"""Readable text of a build: entity counts by type and the facts as lines."""

from __future__ import annotations

from collections import Counter

from kg.records import Entity, Fact

__all__ = ["fact_line", "summary"]

_VERBS = {
    ("invitedTo", "negative"): "was not invited to", ("attends", "negative"): "does not attend",
    ("partyTo", "negative"): "is not party to",
}


def fact_line(fact: Fact, labels: dict[str, str]) -> str:
    """``Pakistan —invitedTo (negative)→ Global Minerals Conference [asserted, 0.93]``."""
    polarity = "" if fact.polarity == "positive" else " (NOT)"
    qualifiers = "".join(f"; {k}={v}" for k, v in fact.qualifiers)
    return (f"{labels[fact.subject]} —{fact.predicate}{polarity}→ {labels[fact.object]}"
            f"  [{fact.modality}, {fact.confidence:.2f}{qualifiers}]")


def summary(entities: list[Entity], facts: list[Fact], *, limit: int | None = None, where: str = "DIR") -> str:
    """Entity counts by type and the facts as lines: all of them, or the first ``limit`` and how
    many more there are (``kg show`` lists them all)."""
    counts = Counter(e.type for e in entities)
    labels = {e.key: e.label for e in entities}
    lines = [f"{len(entities)} entities: " + ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))]
    lines.append(f"{len(facts)} facts:")
    shown = facts if limit is None else facts[:limit]
    lines += [f"  {fact_line(f, labels)}" for f in shown]
    if len(shown) < len(facts):
        lines.append(f"  … and {len(facts) - len(shown)} more: `kg show {where}` lists them all, "
                     f"`kg ask {where} …` and `kg query {where} …` search them")
    return "\n".join(lines)
