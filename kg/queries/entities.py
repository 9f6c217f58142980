"""Everything about one entity: all its relations, and a timeline of its dated facts."""

from __future__ import annotations

from typing import Any

from kg.queries._base import Answer, answers, fact_rows, find_entity

__all__ = ["relations", "timeline"]


def relations(graph: Any, entity: str) -> list[Answer]:
    """Every fact ``entity`` takes part in, as subject or object, in date order (the fact's date,
    else its event's or deal's; undated facts last)."""
    iri = find_entity(graph, entity)
    if iri is None:
        return []
    rows, evidence = fact_rows(graph, subject=iri)
    as_object, more = fact_rows(graph, object=iri)
    rows += [r for r in as_object if r.subject != iri]  # a fact about itself is in both
    found = answers(rows, {**evidence, **more}, event_dates=True)
    return sorted(found, key=lambda a: (a.qualifiers.get("date") is None, a.qualifiers.get("date", ""),
                                        a.predicate, a.subject_label, a.object_label))


def timeline(graph: Any, entity: str) -> list[Answer]:
    """The dated facts of ``entity`` in date order (the fact's date, else its event's)."""
    return [a for a in relations(graph, entity) if "date" in a.qualifiers]
