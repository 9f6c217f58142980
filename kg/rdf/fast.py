"""An in-memory rdflib store for one graph, several times cheaper per triple than rdflib's ``Memory``.

rdflib's ``Memory`` store keeps, for every triple, the contexts it is in and dispatches an event per
``add``; a geokg build is one graph, so :class:`IndexedStore` keeps only the three indexes
(subject → predicate → objects, predicate → object → subjects, object → subject → predicates), as
insertion-ordered dicts like ``Memory``'s: a pattern with a bound subject or predicate yields its
matches in the order ``Memory`` yields them. The third index is made only when a pattern with just
the object bound is first asked for (SHACL checks and exports never ask for one), and then yields
the subjects in the order they were first added. It claims to be context- and graph-aware so that pySHACL (which wraps
the data graph in an ``rdflib.Dataset``) accepts it; every context is the one graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph
from rdflib.store import Store

__all__ = ["IndexedStore", "indexed_graph"]

_NO_CONTEXTS: tuple[()] = ()


class IndexedStore(Store):
    """Triples of one graph in three insertion-ordered indexes (see the module docstring)."""

    context_aware = True
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self, configuration: str | None = None, identifier: Any = None) -> None:
        super().__init__(configuration)
        self.identifier = identifier
        self._spo: dict[Any, dict[Any, dict[Any, None]]] = {}
        self._pos: dict[Any, dict[Any, dict[Any, None]]] = {}
        self._osp: dict[Any, dict[Any, dict[Any, None]]] | None = None  # made when first asked for
        self._count = 0
        self._namespace: dict[str, Any] = {}
        self._prefix: dict[Any, str] = {}
        self.journal: list[tuple[Any, Any, Any]] | None = None  # triples added while it is a list

    def add(self, triple: tuple[Any, Any, Any], context: Any = None, quoted: bool = False) -> None:
        subject, predicate, object_ = triple
        po = self._spo.get(subject)
        if po is None:
            po = self._spo[subject] = {}
        objects = po.get(predicate)
        if objects is None:
            objects = po[predicate] = {}
        if object_ in objects:
            return
        objects[object_] = None
        self._count += 1
        # the same get-or-make steps as _index_object, written out: add runs once per triple
        os_ = self._pos.get(predicate)
        if os_ is None:
            os_ = self._pos[predicate] = {}
        subjects = os_.get(object_)
        if subjects is None:
            subjects = os_[object_] = {}
        subjects[subject] = None
        if self._osp is not None:
            self._index_object(subject, predicate, object_)
        if self.journal is not None:
            self.journal.append(triple)

    def _index_object(self, subject: Any, predicate: Any, object_: Any) -> None:
        assert self._osp is not None
        sp = self._osp.get(object_)
        if sp is None:
            sp = self._osp[object_] = {}
        predicates = sp.get(subject)
        if predicates is None:
            predicates = sp[subject] = {}
        predicates[predicate] = None

    def _objects_index(self) -> dict[Any, dict[Any, dict[Any, None]]]:
        """The object → subject → predicates index, made on first use (a build's graph is mostly
        asked for by subject and by predicate, and each index costs a third of every ``add``).
        Its order is the order the triples were added in, as if it had been kept all along."""
        if self._osp is None:
            self._osp = {}
            for subject, po in self._spo.items():
                for predicate, objects in po.items():
                    for object_ in objects:
                        self._index_object(subject, predicate, object_)
        return self._osp

    def addN(self, quads: Iterable[tuple[Any, Any, Any, Any]]) -> None:  # noqa: N802
        for subject, predicate, object_, _context in quads:
            self.add((subject, predicate, object_))

    def remove(self, triple_pattern: tuple[Any, Any, Any], context: Any = None) -> None:
        for (subject, predicate, object_), _contexts in list(self.triples(triple_pattern)):
            indexes = [(self._spo, (subject, predicate, object_)), (self._pos, (predicate, object_, subject))]
            if self._osp is not None:
                indexes.append((self._osp, (object_, subject, predicate)))
            for index, (a, b, c) in indexes:
                inner = index[a]
                del inner[b][c]
                if not inner[b]:
                    del inner[b]
                    if not inner:
                        del index[a]
            self._count -= 1

    def triples(self, triple_pattern: tuple[Any, Any, Any], context: Any = None) -> Iterator[tuple[tuple[Any, Any, Any], Any]]:
        subject, predicate, object_ = triple_pattern
        if subject is not None:
            po = self._spo.get(subject)
            if po is None:
                return
            if predicate is not None:
                objects = po.get(predicate)
                if objects is None:
                    return
                if object_ is not None:
                    if object_ in objects:
                        yield (subject, predicate, object_), _NO_CONTEXTS
                else:
                    for o in list(objects):
                        yield (subject, predicate, o), _NO_CONTEXTS
            else:
                for p, objects in list(po.items()):
                    if object_ is not None:
                        if object_ in objects:
                            yield (subject, p, object_), _NO_CONTEXTS
                    else:
                        for o in list(objects):
                            yield (subject, p, o), _NO_CONTEXTS
        elif predicate is not None:
            os_ = self._pos.get(predicate)
            if os_ is None:
                return
            if object_ is not None:
                for s in list(os_.get(object_, _NO_CONTEXTS)):
                    yield (s, predicate, object_), _NO_CONTEXTS
            else:
                for o, subjects in list(os_.items()):
                    for s in list(subjects):
                        yield (s, predicate, o), _NO_CONTEXTS
        elif object_ is not None:
            sp = self._objects_index().get(object_)
            if sp is None:
                return
            for s, predicates in list(sp.items()):
                for p in list(predicates):
                    yield (s, p, object_), _NO_CONTEXTS
        else:
            for s, po in list(self._spo.items()):
                for p, objects in list(po.items()):
                    for o in list(objects):
                        yield (s, p, o), _NO_CONTEXTS

    def __len__(self, context: Any = None) -> int:
        return self._count

    def contexts(self, triple: Any = None) -> Iterator[Any]:
        return iter(())

    def add_graph(self, graph: Graph) -> None:
        pass

    def remove_graph(self, graph: Graph) -> None:
        pass

    def bind(self, prefix: str, namespace: Any, override: bool = True) -> None:
        # the same as rdflib's Memory.bind
        bound_namespace = self._namespace.get(prefix)
        bound_prefix = self._prefix.get(namespace)
        if bound_prefix is None and bound_namespace is not None:
            bound_prefix = self._prefix.get(bound_namespace)
        if override:
            if bound_prefix is not None:
                del self._namespace[bound_prefix]
            if bound_namespace is not None:
                del self._prefix[bound_namespace]
            self._prefix[namespace] = prefix
            self._namespace[prefix] = namespace
        else:
            kept_namespace = namespace if bound_namespace is None else bound_namespace
            kept_prefix = prefix if bound_prefix is None else bound_prefix
            self._prefix[kept_namespace] = kept_prefix
            self._namespace[kept_prefix] = kept_namespace

    def namespace(self, prefix: str) -> Any:
        return self._namespace.get(prefix)

    def prefix(self, namespace: Any) -> str | None:
        return self._prefix.get(namespace)

    def namespaces(self) -> Iterator[tuple[str, Any]]:
        yield from list(self._namespace.items())

    def bindings(self) -> tuple[dict[str, Any], dict[Any, str]]:
        """A copy of the prefix bindings (see :meth:`restore_bindings`)."""
        return dict(self._namespace), dict(self._prefix)

    def restore_bindings(self, saved: tuple[dict[str, Any], dict[Any, str]]) -> None:
        self._namespace, self._prefix = dict(saved[0]), dict(saved[1])


def indexed_graph(source: Graph | None = None) -> Graph:
    """An rdflib Graph on an :class:`IndexedStore`: empty, or a copy of ``source`` (its triples
    and prefixes)."""
    graph = Graph(store=IndexedStore())
    if source is not None:
        for prefix, namespace in source.namespaces():
            graph.bind(prefix, namespace)
        for triple in source:
            graph.add(triple)
    return graph
