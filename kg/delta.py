"""What changed between two builds of a directory, so that only that part is validated again.

Both builds are sorted N-Triples lines (``DIR/graph.nt``), so their difference is one merge pass,
without holding the old graph in memory. :func:`changed_subgraph` returns the triples of every
node whose own triples changed, of every node that points at one of those, and the ``rdf:type``
of every node they point at: for shapes whose constraints look at a focus node's own values and
the classes of those values (all of ``ontology/shapes.ttl``: counts, datatypes, patterns, ``sh:in``,
``sh:class``), that subgraph conforms exactly when the whole graph does, given that the previous
graph conformed. A build records that it was validated in ``DIR/.geokg-validated`` (the hash of
the graph it checked); without that record the whole graph is validated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rdflib import RDF, Graph, URIRef

__all__ = ["changed_lines", "changed_subgraph", "check_changed", "previous_validated", "mark_validated", "MARKER"]

MARKER = ".geokg-validated"


def _digest(lines: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def previous_validated(directory: Path) -> Path | None:
    """``DIR/graph.nt`` when the build that wrote it was validated and it is unchanged since."""
    graph, marker = directory / "graph.nt", directory / MARKER
    if not (graph.is_file() and marker.is_file()):
        return None
    with graph.open(encoding="utf-8") as stream:
        same = _digest(line.rstrip("\n") for line in stream) == marker.read_text(encoding="utf-8").strip()
    return graph if same else None


def mark_validated(directory: Path, lines: Sequence[str] | None) -> None:
    """Record that the graph of ``lines`` was validated (``None``: forget any record)."""
    marker = directory / MARKER
    if lines is None:
        marker.unlink(missing_ok=True)
    else:
        marker.write_text(_digest(lines) + "\n", encoding="utf-8")


def changed_lines(before: Iterable[str], after: Sequence[str]) -> Iterator[str]:
    """Lines in exactly one of two sorted sequences (a merge, never a set of the old graph)."""
    old = iter(before)
    index = 0
    current = next(old, None)
    while current is not None or index < len(after):
        new = after[index] if index < len(after) else None
        if new is None or (current is not None and current < new):
            yield current  # type: ignore[misc]
            current = next(old, None)
        elif current is None or new < current:
            yield new
            index += 1
        else:
            current = next(old, None)
            index += 1


def changed_subgraph(graph: Graph, before: Iterable[str], after: Sequence[str]) -> tuple[Graph, set[URIRef]] | None:
    """The part of ``graph`` to validate after the change ``before`` → ``after`` and its focus
    nodes; ``None`` when the change touches blank nodes (then validate the whole graph)."""
    changed: set[URIRef] = set()
    for line in changed_lines(before, after):
        subject = line.partition(" ")[0]
        if not subject.startswith("<"):
            return None
        changed.add(URIRef(subject[1:-1]))
    focus = set(changed)
    for node in changed:
        focus.update(s for s in graph.subjects(None, node) if isinstance(s, URIRef))
    part = Graph()
    for node in focus:
        for triple in graph.triples((node, None, None)):
            part.add(triple)
            value = triple[2]
            if isinstance(value, URIRef) and value not in focus:
                for kind in graph.objects(value, RDF.type):
                    part.add((value, RDF.type, kind))
    return part, focus


def check_changed(part: Graph, focus: set[URIRef], *, where: str) -> None:
    """:func:`kg.rdf.validate.check` restricted to the ``focus`` nodes of ``part``."""
    from pyshacl import validate as shacl

    from kg.errors import ValidationError
    from kg.rdf.validate import ontology_graph, shapes_graph

    if not focus:
        return
    conforms, _report, text = shacl(part, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none",
                                    advanced=True, allow_warnings=True, focus_nodes=sorted(focus))
    if not conforms:
        first = next((line.strip() for line in str(text).splitlines() if "Message:" in line), "see the report")
        raise ValidationError(f"{where}: does not conform to ontology/shapes.ttl: {first}", report=str(text))
