"""An rdflib Graph backed by Oxigraph (``oxrdflib`` over ``pyoxigraph``): the rdflib API, Oxigraph's
indexes and SPARQL engine.

A query *string* given to such a graph runs natively in Oxigraph, with ``initBindings`` passed as
Oxigraph substitutions (which must name variables of the SELECT clause); an already prepared rdflib
query would fall back to rdflib's engine, so :mod:`kg.queries` hands Oxigraph-backed graphs the text
of its ``.rq`` files. The graph is the store's default graph (an rdflib ``Graph`` opened on the store
without an identifier would write to a random graph name).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import ResultRow
from rdflib.term import Node

from kg.errors import StoreError

__all__ = ["OxigraphGraph", "disk_store", "graph_from_directory", "graph_from_ntriples", "is_oxigraph", "select",
           "tuples"]

STORE_DIR = ".oxigraph"  # the on-disk store beside a build's graph.nt (kg.load, kg serve)
_STAMP = ".geokg-source"

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class OxigraphGraph(Graph):
    """An rdflib Graph on an Oxigraph store that, like rdflib's own, accepts namespace objects
    (``initNs={"geokg": GEOKG}``) where Oxigraph wants the namespace's text; ``oxigraph`` is the
    pyoxigraph store itself (for :func:`select`)."""

    oxigraph: ox.Store | None = None

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # type: ignore[no-untyped-def]  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):
        initNs = {prefix: str(namespace) for prefix, namespace in (initNs or {}).items()}  # noqa: N806
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def graph_from_ntriples(path: str | Path) -> OxigraphGraph:
    """Bulk-load an N-Triples file into an in-memory Oxigraph store and wrap it as an rdflib Graph."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    return _wrap(store)


def _wrap(store: ox.Store) -> OxigraphGraph:
    graph = OxigraphGraph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    graph.oxigraph = store
    return graph


def disk_store(directory: str | Path) -> Path:
    """``DIR/.oxigraph``: ``DIR/graph.nt`` bulk-loaded into an on-disk Oxigraph store, unless the
    store is already up to date (it keeps the size and modification time of the graph.nt it was
    loaded from). A new store is loaded beside the old one and renamed into place, so a reader
    never opens half a store; processes that find the store out of date at the same time take
    turns (a lock on ``DIR/.oxigraph.lock``), and only the first loads it."""
    directory = Path(directory)
    source = directory / "graph.nt"
    if not source.is_file():
        raise StoreError(f"{directory}: no graph.nt here; run `kg build INPUT --out {directory}` first")
    target = directory / STORE_DIR
    if _up_to_date(source, target):
        return target
    with open(directory / f"{STORE_DIR}.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if _up_to_date(source, target):  # another process loaded it while this one waited
            return target
        _load(source, target)
    return target


def _signature(source: Path) -> str:
    status = source.stat()
    return f"{status.st_mtime_ns}:{status.st_size}"


def _up_to_date(source: Path, target: Path) -> bool:
    stamp = target / _STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == _signature(source)


def _load(source: Path, target: Path) -> None:
    signature = _signature(source)
    fresh = Path(tempfile.mkdtemp(prefix=f"{STORE_DIR}-new-", dir=target.parent))
    try:
        store = ox.Store(str(fresh))
        store.bulk_load(path=str(source), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        store.flush()
        del store
        (fresh / _STAMP).write_text(signature, encoding="utf-8")
        old = target.parent / f"{STORE_DIR}-old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except Exception as error:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(error, (OSError, ValueError, SyntaxError)):
            raise StoreError(f"{source}: could not load it into an Oxigraph store: {error}") from None
        raise


def graph_from_directory(directory: str | Path) -> OxigraphGraph:
    """A build's graph as a read-only rdflib Graph on its on-disk Oxigraph store (made or
    refreshed by :func:`disk_store` first): opening it takes milliseconds however big it is."""
    return _wrap(ox.Store.read_only(str(disk_store(directory))))


def is_oxigraph(graph: Graph) -> bool:
    """Whether ``graph`` lives in an Oxigraph store (so query strings run in Oxigraph)."""
    return isinstance(graph.store, OxigraphStore)


def select(graph: Graph, text: str) -> list[ResultRow]:
    """The rows of a SELECT query run in Oxigraph, as rdflib ``ResultRow`` objects.

    Faster than ``graph.query(text)`` through oxrdflib for big answers: the terms are converted
    with cheap constructors and repeated terms (IRIs, offsets, labels) once, where oxrdflib's
    converter spends about 60 µs a row (the query itself about 25 µs).
    """
    store = getattr(graph, "oxigraph", None)
    if store is None:
        return list(graph.query(text))
    solutions = store.query(text)
    names = [Variable(v.value) for v in solutions.variables]
    labels = {name: index for index, name in enumerate(names)}
    return [ResultRow({name: _term(value) for name, value in zip(names, solution) if value is not None}, labels)
            for solution in solutions]


def tuples(graph: OxigraphGraph, text: str) -> Iterator[tuple[Node | None, ...]]:
    """The rows of a SELECT query run in Oxigraph as plain tuples of rdflib terms (``None`` where a
    variable is unbound): the cheapest way to read many rows."""
    for solution in graph.oxigraph.query(text):  # type: ignore[union-attr]
        yield tuple(None if value is None else _term(value) for value in solution)


@lru_cache(maxsize=200_000)
def _term(value: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(value, ox.NamedNode):
        return URIRef(value.value)
    if isinstance(value, ox.BlankNode):
        return BNode(value.value)
    if value.language:
        return Literal(value.value, lang=value.language)
    if value.datatype.value == _XSD_STRING:
        return Literal(value.value)
    return Literal(value.value, datatype=URIRef(value.datatype.value))
