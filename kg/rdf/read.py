"""An rdflib graph built by :mod:`kg.rdf.build` → entities and facts as typed records."""

from __future__ import annotations

from typing import Any

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.rdf.build import MODALITY, POLARITY
from kg.rdf.iris import key_of_entity_iri
from kg.rdf.namespace import GEOKG
from kg.records import TYPES, Amount, DateValue, Entity, Evidence, Fact

__all__ = ["read_entities", "read_facts"]

_POLARITY = {v: k for k, v in POLARITY.items()}
_MODALITY = {v: k for k, v in MODALITY.items()}


class _Tables:
    """``value``, ``objects`` and ``subjects`` over an Oxigraph-backed graph, each predicate read
    whole by one query and kept as a table, instead of one store call per look-up: oxrdflib's
    per-call conversion made reading a 10,000-article graph take 24 s."""

    def __init__(self, graph: Any) -> None:  # a kg.rdf.oxigraph.OxigraphGraph
        self._graph = graph
        self._forward: dict[URIRef, dict[Node, list[Node]]] = {}
        self._backward: dict[URIRef, dict[Node, list[Node]]] = {}

    def _table(self, prop: URIRef) -> dict[Node, list[Node]]:
        if prop not in self._forward:
            from kg.rdf.oxigraph import tuples

            table: dict[Node, list[Node]] = {}
            for subject, obj in tuples(self._graph, f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}"):  # our IRIs only
                table.setdefault(subject, []).append(obj)
            self._forward[prop] = table
        return self._forward[prop]

    def value(self, node: Node, prop: URIRef) -> Node | None:
        found = self._table(prop).get(node)
        return found[0] if found else None

    def objects(self, node: Node, prop: URIRef) -> list[Node]:
        return self._table(prop).get(node, [])

    def subjects(self, prop: URIRef, obj: Node) -> list[Node]:
        if prop not in self._backward:
            backward: dict[Node, list[Node]] = {}
            for subject, objects in self._table(prop).items():
                for one in objects:
                    backward.setdefault(one, []).append(subject)
            self._backward[prop] = backward
        return self._backward[prop].get(obj, [])


def _tables(graph: Graph) -> Graph | _Tables:
    from kg.rdf.oxigraph import OxigraphGraph

    return _Tables(graph) if isinstance(graph, OxigraphGraph) and graph.oxigraph is not None else graph


def _amount(graph: Graph, node: URIRef) -> Amount | None:
    value = graph.value(node, GEOKG.value)
    if value is None:
        return None
    return Amount(amount=int(graph.value(value, GEOKG.amount).toPython()), currency=str(graph.value(value, GEOKG.currency)))


def _date(graph: Graph, node: URIRef) -> DateValue | None:
    value = graph.value(node, GEOKG.date)
    if value is None:
        return None
    return DateValue(value=str(value), precision=str(graph.value(node, GEOKG.datePrecision)))


def _document_id(graph: Graph, document: URIRef) -> str:
    from rdflib.namespace import DCTERMS

    return str(graph.value(document, DCTERMS.identifier))


def read_entities(graph: Graph) -> list[Entity]:
    """Every entity of the graph, sorted by key."""
    graph = _tables(graph)  # type: ignore[assignment]
    entities = []
    for type_ in TYPES:
        for node in graph.subjects(RDF.type, GEOKG[type_]):
            ids = []
            for name, prop in (("iso3166", GEOKG.iso3166Alpha2), ("iso3166_alpha3", GEOKG.iso3166Alpha3), ("wikidata", GEOKG.wikidataId)):
                value = graph.value(node, prop)
                if value is not None:
                    ids.append((name, str(value)))
            entities.append(Entity(
                key=key_of_entity_iri(node),
                label=str(graph.value(node, RDFS.label)),
                type=type_,
                aliases=tuple(sorted(str(a) for a in graph.objects(node, SKOS.altLabel))),
                identifiers=tuple(ids),
                documents=tuple(sorted(_document_id(graph, d) for d in graph.objects(node, GEOKG.mentionedIn))),
                mentions=int(graph.value(node, GEOKG.mentionCount) or 0),
                value=_amount(graph, node),
                date=_date(graph, node),
            ))
    return sorted(entities, key=lambda e: e.key)


def read_facts(graph: Graph) -> list[Fact]:
    """Every fact of the graph with its evidence, sorted by (subject, predicate, object, polarity)."""
    graph = _tables(graph)  # type: ignore[assignment]
    facts = []
    for node in graph.subjects(RDF.type, GEOKG.Fact):
        evidence = []
        for ev in graph.objects(node, GEOKG.evidence):
            evidence.append(Evidence(
                document=_document_id(graph, graph.value(ev, GEOKG.document)),
                sentence=str(graph.value(ev, GEOKG.sentence)),
                start=int(graph.value(ev, GEOKG.startOffset)),
                end=int(graph.value(ev, GEOKG.endOffset)),
                rule=str(graph.value(ev, GEOKG.rule)),
            ))
        qualifiers = {}
        for name, prop in (("role", GEOKG.role), ("item", GEOKG.item), ("place", GEOKG.placeName), ("date", GEOKG.date)):
            value = graph.value(node, prop)
            if value is not None:
                qualifiers[name] = str(value)
        amount = _amount(graph, node)
        if amount is not None:
            qualifiers["value"] = f"{amount.amount} {amount.currency}"
        predicate = str(graph.value(node, GEOKG.predicate)).rsplit("#", 1)[1]
        facts.append(Fact(
            subject=key_of_entity_iri(graph.value(node, GEOKG.subject)),
            predicate=predicate,
            object=key_of_entity_iri(graph.value(node, GEOKG.object)),
            polarity=_POLARITY[graph.value(node, GEOKG.polarity)],
            modality=_MODALITY[graph.value(node, GEOKG.modality)],
            confidence=float(graph.value(node, GEOKG.confidence).toPython()),
            evidence=tuple(sorted(evidence, key=lambda e: (e.document, e.start, e.rule))),
            qualifiers=tuple(sorted(qualifiers.items())),
            sources=int(graph.value(node, GEOKG.sourceCount) or 1),
        ))
    return sorted(facts, key=lambda f: (f.subject, f.predicate, f.object, f.polarity))
