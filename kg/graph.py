"""RDF → networkx view: entity nodes, one edge per fact (a MultiDiGraph)."""

from __future__ import annotations

import networkx as nx
from rdflib import Graph

from kg.rdf.read import read_entities, read_facts
from kg.records import Entity, Fact

__all__ = ["to_networkx"]


def to_networkx(graph: Graph, entities: list[Entity] | None = None, facts: list[Fact] | None = None) -> nx.MultiDiGraph:
    """Build the networkx view of an RDF graph made by geokg (from its ``entities`` and ``facts``
    when the caller has read them already).

    Nodes are entity keys with ``label``, ``type``, ``aliases``, ``identifiers``, ``mentions``;
    edges carry ``predicate``, ``polarity``, ``modality``, ``confidence``, ``qualifiers``,
    ``evidence`` (a tuple of :class:`~kg.records.Evidence`) and ``documents``; the edge key is the
    predicate plus polarity.
    """
    view = nx.MultiDiGraph()
    for entity in read_entities(graph) if entities is None else entities:
        view.add_node(entity.key, label=entity.label, type=entity.type, aliases=entity.aliases,
                      identifiers=entity.identifier_map, mentions=entity.mentions,
                      documents=entity.documents)
    for fact in read_facts(graph) if facts is None else facts:
        view.add_edge(fact.subject, fact.object, key=f"{fact.predicate}:{fact.polarity}",
                      predicate=fact.predicate, polarity=fact.polarity, modality=fact.modality,
                      confidence=fact.confidence, qualifiers=fact.qualifier_map, evidence=fact.evidence,
                      documents=tuple(sorted({e.document for e in fact.evidence})))
    return view
