"""What changed between two builds of a directory, so that only that part is validated again.

Both builds are sorted N-Triples lines (``DIR/graph.nt``), so their difference is one merge pass,
without holding the old graph in memory. A node must be checked again when one of its triples on
a path the shapes constrain changed, when its ``rdf:type`` changed (it may be targeted now), or
when it points at a node that gained or lost a class some ``sh:class`` constraint asks for.
:func:`changed_subgraph` returns those of them that a shape targets, as pySHACL's focus nodes, in a
graph holding all their triples and the ``rdf:type`` of every node they point at: validating them
conforms exactly when the whole graph does, given that the previous graph conformed.
That holds for shapes made of ``sh:targetClass`` targets and property shapes with predicate paths
whose constraints look at the values and their classes (all of ``ontology/shapes.ttl``); shapes
using anything else (``sh:node``, qualified shapes, logical or SPARQL constraints, other targets,
complex paths) make :func:`changed_subgraph` return ``None``, and the whole graph is validated.
A changed triple on a path no shape constrains leaves its node alone. A build records that it
was validated in ``DIR/.geokg-validated`` (the hash of the graph it checked); without that record
the whole graph is validated.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef

__all__ = ["Change", "changed_lines", "changed_subgraph", "check_changed", "previous_validated", "mark_validated", "MARKER"]

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


_LOCAL_ONLY = {"targetClass", "property", "path", "minCount", "maxCount", "datatype", "class", "nodeKind",
               "in", "pattern", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minLength",
               "maxLength", "message", "severity", "name", "description", "order", "group", "deactivated",
               "hasValue", "languageIn", "uniqueLang", "flags"}


def _shape_scope(shapes: Graph) -> tuple[set[URIRef], set[URIRef], set[URIRef]] | None:
    """(target classes, constrained predicates, classes of ``sh:class``) when every shape is
    node-local, else ``None``."""
    shacl = "http://www.w3.org/ns/shacl#"
    targets: set[URIRef] = set()
    paths: set[URIRef] = set()
    classes: set[URIRef] = set()
    for _s, predicate, value in shapes:
        name = str(predicate)
        if not name.startswith(shacl):
            continue
        term = name[len(shacl):]
        if term not in _LOCAL_ONLY:
            return None
        if term == "targetClass" and isinstance(value, URIRef):
            targets.add(value)
        elif term == "class" and isinstance(value, URIRef):
            classes.add(value)
        elif term == "path":
            if not isinstance(value, URIRef):
                return None
            paths.add(value)
    return targets, paths, classes


def _with_subclasses(classes: set[URIRef], ontology: Graph | None) -> set[URIRef]:
    found = set(classes)
    todo = list(classes)
    while todo and ontology is not None:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


class _Lines:
    """Sorted N-Triples lines looked up by subject (a binary search) and by object (one pass)."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines

    def about(self, node: str) -> list[str]:
        """The lines whose subject is ``node`` (an N-Triples term: ``<iri>``)."""
        prefix = f"{node} "
        found = []
        for index in range(bisect.bisect_left(self.lines, prefix), len(self.lines)):
            line = self.lines[index]
            if not line.startswith(prefix):
                break
            found.append(line)
        return found

    def pointing_at(self, nodes: set[str]) -> set[str]:
        """The subjects of lines whose object is one of ``nodes`` (IRIs)."""
        found = set()
        for line in self.lines:
            if line.endswith("> .") and line[line.rfind(" <", 0, -3) + 1:-2] in nodes:
                found.add(line.partition(" ")[0])
        return found


def _object(line: str) -> str:
    return line.partition(" ")[2].partition(" ")[2][:-2]


@dataclass
class Change:
    """What to validate again: the ``focus`` nodes, and a ``graph`` holding their triples and the
    ``rdf:type`` of every node they point at."""

    graph: Graph
    focus: list[URIRef]


def changed_subgraph(before: Iterable[str], after: Sequence[str], *, shapes: Graph | None = None,
                     ontology: Graph | None = None) -> Change | None:
    """What of the graph ``after`` (sorted N-Triples lines) to validate after the change
    ``before`` → ``after`` (see the module docstring); ``None`` when only validating the whole
    graph is exact."""
    from kg.rdf.build import graph_of_lines

    if shapes is None:
        from kg.rdf.validate import ontology_graph, shapes_graph

        shapes, ontology = shapes_graph(), ontology_graph()
    scope = _shape_scope(shapes)
    if scope is None:
        return None
    targets, paths, classes = scope
    # a node's new or lost type matters to the nodes pointing at it only for these classes
    checked_types = {f"<{c}>" for c in _with_subclasses(classes, ontology)}
    targeted = {f"<{c}>" for c in _with_subclasses(targets, ontology)}
    type_iri = f"<{RDF.type}>"
    constrained = {f"<{p}>" for p in paths}
    changed: set[str] = set()
    retyped: set[str] = set()
    for line in changed_lines(before, after):
        subject, _, rest = line.partition(" ")
        predicate = rest.partition(" ")[0]
        if predicate != type_iri and predicate not in constrained:
            continue
        if not subject.startswith("<"):
            return None
        changed.add(subject)
        if predicate == type_iri and _object(line) in checked_types:
            retyped.add(subject)
    graph = _Lines(after)
    if retyped:
        changed.update(s for s in graph.pointing_at(retyped) if s.startswith("<"))
    part: list[str] = []
    typed: set[str] = set()

    def types(node: str) -> list[str]:
        return [row for row in graph.about(node) if row.partition(" ")[2].startswith(f"{type_iri} ")]

    # only nodes a shape targets are validated (pySHACL's focus nodes)
    focus = [node for node in sorted(changed) if any(_object(row) in targeted for row in types(node))]
    chosen = set(focus)
    for node in focus:
        lines = graph.about(node)
        part.extend(lines)
        for line in lines:
            value = _object(line)
            if value.startswith("<") and value not in typed:
                typed.add(value)
                if value not in chosen:
                    part.extend(types(value))
    return Change(graph_of_lines(part), [URIRef(node[1:-1]) for node in focus])


def check_changed(change: Change, *, where: str) -> None:
    """:func:`kg.rdf.validate.check` of the changed nodes (nothing to do when there are none)."""
    from kg.rdf.validate import check

    if change.focus:
        check(change.graph, where=where, focus=change.focus)
