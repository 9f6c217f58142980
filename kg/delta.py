"""What changed between two builds of a directory, so that only that part is validated again.

Both builds are sorted N-Triples lines (``DIR/graph.nt``), so their difference is one merge pass,
without holding the old graph in memory. A node must be checked again when one of its triples on
a path the shapes constrain changed, when its ``rdf:type`` changed (it may be targeted now), or
when it points at a node that gained or lost a class some ``sh:class`` constraint asks for. :func:`changed_subgraph`
returns those nodes with all their triples, every node they point at that a shape targets (with
all its triples, recursively) and the ``rdf:type`` of the other nodes they point at: validated on
its own it conforms exactly when the whole graph does, given that the previous graph conformed.
That holds for shapes made of ``sh:targetClass`` targets and property shapes with predicate paths
whose constraints look at the values and their classes (all of ``ontology/shapes.ttl``); shapes
using anything else (``sh:node``, qualified shapes, logical or SPARQL constraints, other targets,
complex paths) make :func:`changed_subgraph` return ``None``, and the whole graph is validated.
A changed triple on a path no shape constrains (``prov:wasGeneratedBy`` of every fact changes
with each new build activity) leaves its node alone. A build records that it was validated in
``DIR/.geokg-validated`` (the hash of the graph it checked); without that record the whole graph
is validated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef

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


def changed_subgraph(graph: Graph, before: Iterable[str], after: Sequence[str], *,
                     shapes: Graph | None = None, ontology: Graph | None = None) -> Graph | None:
    """The part of ``graph`` to validate after the change ``before`` → ``after`` (see the module
    docstring); ``None`` when only validating the whole graph is exact."""
    if shapes is None:
        from kg.rdf.validate import ontology_graph, shapes_graph

        shapes, ontology = shapes_graph(), ontology_graph()
    scope = _shape_scope(shapes)
    if scope is None:
        return None
    targets, paths, classes = scope
    # a node's new or lost type matters to the nodes pointing at it only for these classes
    checked_types = {f"<{c}>" for c in _with_subclasses(classes, ontology)}
    type_iri = f"<{RDF.type}>"
    constrained = {f"<{p}>" for p in paths}
    focus: set[URIRef] = set()
    retyped: set[URIRef] = set()
    for line in changed_lines(before, after):
        subject, _, rest = line.partition(" ")
        predicate = rest.partition(" ")[0]
        if predicate != type_iri and predicate not in constrained:
            continue
        if not subject.startswith("<"):
            return None
        node = URIRef(subject[1:-1])
        focus.add(node)
        if predicate == type_iri and rest.partition(" ")[2].rstrip(" .") in checked_types:
            retyped.add(node)
    for node in retyped:
        focus.update(s for s in graph.subjects(None, node) if isinstance(s, URIRef))
    part = Graph()
    done: set[URIRef] = set()
    todo = [node for node in focus if (node, None, None) in graph]
    while todo:
        node = todo.pop()
        if node in done:
            continue
        done.add(node)
        for triple in graph.triples((node, None, None)):
            part.add(triple)
            value = triple[2]
            if not isinstance(value, URIRef) or value in done:
                continue
            kinds = set(graph.objects(value, RDF.type))
            if kinds & targets:
                todo.append(value)  # a shape targets it: it is validated too, so it must be whole
            else:
                for kind in kinds:
                    part.add((value, RDF.type, kind))
    return part


def check_changed(part: Graph, *, where: str) -> None:
    """:func:`kg.rdf.validate.check` of the changed part (nothing to do when it is empty)."""
    from kg.rdf.validate import check

    if len(part):
        check(part, where=where)
