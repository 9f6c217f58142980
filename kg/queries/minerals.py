"""Who has reserves of, produces or restricts exports of a mineral."""

from __future__ import annotations

from typing import Any

from kg.queries._base import Answer, facts, find_entity

__all__ = ["reserves", "producers", "export_restrictions"]


def _about(graph: Any, predicate: str, mineral: str, polarity: str | None) -> list[Answer]:
    iri = find_entity(graph, mineral)
    return [] if iri is None else facts(graph, predicate=predicate, object=iri, polarity=polarity)


def reserves(graph: Any, mineral: str, *, polarity: str | None = "positive") -> list[Answer]:
    """Who has reserves of ``mineral`` (the value, where stated, in ``qualifiers["value"]``)."""
    return _about(graph, "hasReserves", mineral, polarity)


def producers(graph: Any, mineral: str, *, polarity: str | None = "positive") -> list[Answer]:
    """Who mines, refines, processes or supplies ``mineral``."""
    return _about(graph, "produces", mineral, polarity)


def export_restrictions(graph: Any, mineral: str, *, polarity: str | None = None) -> list[Answer]:
    """Who restricts (or, negative, lifted restrictions on) exports of ``mineral``."""
    return _about(graph, "restrictsExportOf", mineral, polarity)
