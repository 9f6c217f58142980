"""Who holds which post: by person, or by country or organisation."""

from __future__ import annotations

from typing import Any

from kg.queries._base import Answer, facts, find_entity

__all__ = ["positions"]


def positions(graph: Any, *, person: str | None = None, holder: str | None = None) -> list[Answer]:
    """Posts held, by ``person`` or in ``holder`` (a country or organisation); the role is
    ``answer.qualifiers["role"]``. Unknown names give no answers."""
    subject = find_entity(graph, person) if person is not None else None
    obj = find_entity(graph, holder) if holder is not None else None
    if (person is not None and subject is None) or (holder is not None and obj is None):
        return []
    return facts(graph, predicate="holdsPosition", subject=subject, object=obj, polarity="positive")
