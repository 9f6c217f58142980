"""pySHACL against ``ontology/shapes.ttl``: every build is checked and fails loudly.

A graph in an :class:`~kg.rdf.fast.IndexedStore` (what :func:`kg.rdf.build.build_graph` makes) is
validated in place when every shape is made of core, node-local constraints (the test of
:mod:`kg.delta`): the ontology's axioms are added to it the way pySHACL adds them to its copy of the
data graph, pySHACL runs without the SHACL-AF machinery those shapes do not use (and with each
property shape made a targeted shape of its own, :func:`_flat_shapes`), and the added triples and
prefixes are taken out again afterwards. Any other graph is validated exactly as before (pySHACL
copies it and mixes the ontology into the copy). :class:`BackgroundCheck` makes and checks a graph
in a forked process while the build goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from kg.errors import ValidationError

__all__ = ["ONTOLOGY_DIR", "shapes_graph", "ontology_graph", "validate", "check", "check_lines", "checked_lines",
           "BackgroundCheck"]

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
_PACKAGED = Path(__file__).resolve().parents[1] / "ontology"


def _path(name: str) -> Path:
    for folder in (ONTOLOGY_DIR, _PACKAGED):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"ontology file {name} not found in {ONTOLOGY_DIR}")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(_path("shapes.ttl"))


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return Graph().parse(_path("geokg.ttl"))


@lru_cache(maxsize=1)
def _indexed_shapes() -> Graph | None:
    """The shapes in an IndexedStore when they allow the in-place check (else ``None``)."""
    from kg.delta import _shape_scope
    from kg.rdf.fast import indexed_graph

    shapes = shapes_graph()
    if _shape_scope(shapes) is None:
        return None
    return indexed_graph(shapes)


@lru_cache(maxsize=1)
def _flat_shapes() -> Graph | None:
    """:func:`_indexed_shapes` with each property shape of a node shape made a shape of its own
    with the node shape's target classes: the same constraints on the same focus nodes, so the
    same verdict, but pySHACL checks such a shape once over all its focus nodes instead of once
    per focus node (about 7× faster on a build's graph). Only its verdict is used: a graph that
    does not conform is checked again with the shapes as written, for their report."""
    shapes = _indexed_shapes()
    if shapes is None:
        return None
    from kg.rdf.fast import indexed_graph

    sh = "http://www.w3.org/ns/shacl#"
    prop, target = URIRef(f"{sh}property"), URIRef(f"{sh}targetClass")
    flat = indexed_graph(shapes)
    for node_shape, prop_shape in list(flat.subject_objects(prop)):
        used_once = len(list(flat.subjects(None, prop_shape))) == 1
        if not used_once or (prop_shape, target, None) in flat or (node_shape, URIRef(f"{sh}deactivated"), None) in flat:
            continue
        flat.remove((node_shape, prop, prop_shape))
        flat.add((prop_shape, RDF.type, URIRef(f"{sh}PropertyShape")))
        for cls in list(flat.objects(node_shape, target)):
            flat.add((prop_shape, target, cls))
    return flat


def _in_place(graph: Graph) -> Graph | None:
    from kg.rdf.fast import IndexedStore

    if not isinstance(graph.store, IndexedStore) or os.environ.get("PYSHACL_USE_FULL_MIXIN"):
        return None
    return _indexed_shapes()


def _run(graph: Graph, shapes: Graph, focus: list[URIRef] | None = None) -> tuple[bool, str]:
    from pyshacl import validate as shacl

    conforms, _report, text = shacl(graph, shacl_graph=shapes, inference="none", advanced=False,
                                    allow_warnings=True, focus_nodes=focus)
    return bool(conforms), str(text)


def validate(graph: Graph, *, focus: list[URIRef] | None = None) -> tuple[bool, str]:
    """Run pySHACL; returns (conforms, report text). With ``focus``, only those nodes are
    validated (against the shapes that target them)."""
    shapes = _in_place(graph)
    if shapes is None:
        from pyshacl import validate as shacl

        conforms, _report, text = shacl(graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                        inference="none", advanced=True, allow_warnings=True, focus_nodes=focus)
        return bool(conforms), str(text)
    from pyshacl.rdfutil.inoculate import inoculate

    store = graph.store
    saved = store.bindings()  # type: ignore[attr-defined]
    store.journal = added = []  # type: ignore[attr-defined]
    try:
        inoculate(graph, ontology_graph())  # what pySHACL does to its copy of the data graph
        store.journal = None  # type: ignore[attr-defined]
        flat = _flat_shapes()
        assert flat is not None
        if _run(graph, flat, focus=focus)[0]:
            return True, "Validation Report\nConforms: True\n"
        return _run(graph, shapes, focus=focus)  # the report of the shapes as written
    finally:
        store.journal = None  # type: ignore[attr-defined]
        for triple in added:
            graph.remove(triple)
        store.restore_bindings(saved)  # type: ignore[attr-defined]


def check(graph: Graph, *, where: str = "graph", focus: list[URIRef] | None = None) -> None:
    """Raise :class:`~kg.errors.ValidationError` when ``graph`` (or its ``focus`` nodes) does not
    conform."""
    conforms, text = validate(graph, focus=focus)
    if not conforms:
        raise _failure(text, where)


def checked_lines(lines: Iterable[str]) -> Iterator[str]:
    """The N-Triples lines a whole-graph check looks at: with node-local shapes (the test of
    :mod:`kg.delta`), the ``rdf:type`` lines and those whose predicate a shape constrains (about
    two thirds of a build's: no document texts, mention links, counts or PROV links); with any
    other shapes, every line. A focus node's verdict under such shapes depends only on its values
    on the constrained paths and on the types of those values and of itself, so the graph of these
    lines conforms exactly when the whole graph does."""
    from kg.delta import _shape_scope

    scope = _shape_scope(shapes_graph())
    if scope is None:
        yield from lines
        return
    wanted = {f"<{p}>" for p in scope[1]} | {f"<{RDF.type}>"}
    for line in lines:
        if line[line.find(" ") + 1:line.find(" ", line.find(" ") + 1)] in wanted:
            yield line


def check_lines(lines: Iterable[str], *, where: str = "graph") -> None:
    """:func:`check` of the graph of N-Triples ``lines`` (as :func:`kg.rdf.build.build_lines`
    writes them), made from :func:`checked_lines` only."""
    from kg.rdf.build import graph_of_lines

    check(graph_of_lines(checked_lines(lines)), where=where)


def _failure(text: str, where: str) -> ValidationError:
    first = next((line.strip() for line in text.splitlines() if "Message:" in line), "see the report")
    return ValidationError(f"{where}: does not conform to ontology/shapes.ttl: {first}", report=text)


class BackgroundCheck:
    """:func:`check` of a graph that a forked process makes and validates while this one goes on
    (where ``fork`` does not exist, it is done here, at once); :meth:`result` waits for it and
    raises what :func:`check` would."""

    def __init__(self, make_graph: Callable[[], Graph], *, where: str) -> None:
        import multiprocessing

        self.where = where
        self.outcome: tuple[bool, str] | None = None
        self.child = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self.outcome = validate(make_graph())
            return
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.child = context.Process(target=self._child, args=(make_graph, send), daemon=True)
        self.child.start()
        send.close()

    @staticmethod
    def _child(make_graph: Callable[[], Graph], send) -> None:  # type: ignore[no-untyped-def]
        try:
            send.send(validate(make_graph()))
        except BaseException as error:
            send.send((False, f"Message: the check failed: {type(error).__name__}: {error}"))
        finally:
            send.close()

    def result(self) -> None:
        if self.child is not None:
            try:
                self.outcome = self.receive.recv()
            except EOFError:
                self.outcome = (False, f"Message: the checking process died (exit status {self.child.exitcode})")
            self.child.join()
            self.child = None
        assert self.outcome is not None
        conforms, text = self.outcome
        if not conforms:
            raise _failure(text, self.where)
