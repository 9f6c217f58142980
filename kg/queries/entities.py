"""Everything about one entity: all its relations, and a timeline of its dated facts."""

from __future__ import annotations

from typing import Any

from kg.queries._base import Answer, answers, find_entity, run

__all__ = ["relations", "timeline"]


def relations(graph: Any, entity: str) -> list[Answer]:
    """Every fact ``entity`` takes part in, as subject or object."""
    iri = find_entity(graph, entity)
    if iri is None:
        return []
    rows = run(graph, "relations", entity=iri)
    return _with_dates(graph, rows)


def timeline(graph: Any, entity: str) -> list[Answer]:
    """The dated facts of ``entity`` in date order (the fact's date, else its event's)."""
    return [a for a in relations(graph, entity) if "date" in a.qualifiers]


def _with_dates(graph: Any, rows: list[Any]) -> list[Answer]:
    found = answers(graph, [_FactRow(r) for r in rows])
    return found


class _FactRow:
    """Adapt a ``relations.rq`` row to the shape :func:`answers` reads."""

    def __init__(self, row: Any) -> None:
        self._values = row.asdict()

    def asdict(self) -> dict[str, Any]:
        return self._values
