"""Who attends, hosts and is (or is not) invited to an event."""

from __future__ import annotations

from typing import Any

from kg.queries._base import Answer, facts, find_entity

__all__ = ["attendees", "invitations", "hosts"]


def attendees(graph: Any, event: str, *, include_negative: bool = False) -> list[Answer]:
    """Who attends ``event`` (any modality: the answer says planned or asserted).

    >>> [a.subject_label for a in attendees(kg.load("out"), "Global Minerals Conference")]  # doctest: +SKIP
    ['India', 'S Jaishankar']
    """
    iri = find_entity(graph, event)
    if iri is None:
        return []
    return facts(graph, predicate="attends", object=iri, polarity=None if include_negative else "positive")


def invitations(graph: Any, event: str, *, polarity: str | None = None) -> list[Answer]:
    """Who is invited to ``event``; ``polarity="negative"`` gives who was not invited."""
    iri = find_entity(graph, event)
    return [] if iri is None else facts(graph, predicate="invitedTo", object=iri, polarity=polarity)


def hosts(graph: Any, event: str) -> list[Answer]:
    """Who hosts ``event``."""
    iri = find_entity(graph, event)
    return [] if iri is None else facts(graph, predicate="hosts", object=iri)
