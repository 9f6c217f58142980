"""Entities and facts → an rdflib graph under the geokg ontology, with PROV-O provenance.

Every fact is a ``geokg:Fact`` node (subject, predicate, object, polarity, modality, qualifiers,
confidence, evidence). A positive, asserted fact is also a direct triple
(``entity/country/PK geokg:hasReserves entity/mineral/rare_earths``); a negative or not-asserted
one never is, so a plain query for who was invited does not return who was not.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import __version__
from kg.rdf.fast import indexed_graph
from kg.rdf.iris import activity_iri, document_iri, entity_iri, evidence_iri, fact_iri, value_iri
from kg.rdf.namespace import GEOKG
from kg.records import Amount, Article, DateValue, Entity, Fact

__all__ = ["build_graph", "bind_prefixes", "POLARITY", "MODALITY"]

POLARITY = {"positive": GEOKG.Positive, "negative": GEOKG.Negative}
MODALITY = {"asserted": GEOKG.Asserted, "planned": GEOKG.Planned, "proposed": GEOKG.Proposed,
            "hypothetical": GEOKG.Hypothetical, "reported": GEOKG.Reported}
_DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}


def bind_prefixes(graph: Graph) -> Graph:
    graph.bind("geokg", str(GEOKG))
    graph.bind("kgid", "https://w3id.org/geokg/id/")
    graph.bind("prov", PROV)
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    return graph


def _date(graph: Graph, node: URIRef, value: str, precision: str) -> None:
    graph.add((node, GEOKG.date, Literal(value, datatype=_DATE_TYPES[precision])))
    graph.add((node, GEOKG.datePrecision, Literal(precision)))


def _value(graph: Graph, owner: URIRef, amount: Amount) -> None:
    node = value_iri(owner)
    graph.add((owner, GEOKG.value, node))
    graph.add((node, RDF.type, GEOKG.MonetaryValue))
    graph.add((node, GEOKG.amount, Literal(str(amount.amount), datatype=XSD.decimal)))
    graph.add((node, GEOKG.currency, Literal(amount.currency)))


def _add_document(graph: Graph, article: Article) -> None:
    node = document_iri(article.id)
    graph.add((node, RDF.type, GEOKG.Document))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title)))
    if article.published:
        precision = {4: "year", 7: "month", 10: "day"}[len(article.published)]
        graph.add((node, DCTERMS.issued, Literal(article.published, datatype=_DATE_TYPES[precision])))
    if article.source_url:
        graph.add((node, DCTERMS.source, URIRef(article.source_url)))
    if article.outlet:
        graph.add((node, DCTERMS.publisher, Literal(article.outlet)))
    graph.add((node, GEOKG.cleanedText, Literal(article.text)))
    graph.add((node, GEOKG.contentHash, Literal(article.content_hash)))


def _add_entity(graph: Graph, entity: Entity) -> None:
    node = entity_iri(entity.key)
    graph.add((node, RDF.type, GEOKG[entity.type]))
    graph.add((node, RDFS.label, Literal(entity.label)))
    graph.add((node, SKOS.prefLabel, Literal(entity.label)))
    for alias in entity.aliases:
        graph.add((node, SKOS.altLabel, Literal(alias)))
    ids = entity.identifier_map
    if "iso3166" in ids:
        graph.add((node, GEOKG.iso3166Alpha2, Literal(ids["iso3166"])))
    if "iso3166_alpha3" in ids:
        graph.add((node, GEOKG.iso3166Alpha3, Literal(ids["iso3166_alpha3"])))
    if "wikidata" in ids:
        graph.add((node, GEOKG.wikidataId, Literal(ids["wikidata"])))
        graph.add((node, SKOS.exactMatch, URIRef(f"http://www.wikidata.org/entity/{ids['wikidata']}")))
    graph.add((node, GEOKG.mentionCount, Literal(entity.mentions)))
    for document in entity.documents:
        graph.add((node, GEOKG.mentionedIn, document_iri(document)))
    if entity.value is not None:
        _value(graph, node, entity.value)
    if entity.date is not None:
        _date(graph, node, entity.date.value, entity.date.precision)


def _add_fact(graph: Graph, fact: Fact, activity: URIRef) -> None:
    subject, obj = entity_iri(fact.subject), entity_iri(fact.object)
    node = fact_iri(fact.subject, fact.predicate, fact.object, fact.polarity)
    graph.add((node, RDF.type, GEOKG.Fact))
    graph.add((node, GEOKG.subject, subject))
    graph.add((node, GEOKG.predicate, GEOKG[fact.predicate]))
    graph.add((node, GEOKG.object, obj))
    graph.add((node, GEOKG.polarity, POLARITY[fact.polarity]))
    graph.add((node, GEOKG.modality, MODALITY[fact.modality]))
    graph.add((node, GEOKG.confidence, Literal(f"{fact.confidence:.3f}", datatype=XSD.decimal)))
    graph.add((node, GEOKG.documentCount, Literal(len(fact.documents))))
    graph.add((node, GEOKG.sourceCount, Literal(fact.sources)))
    graph.add((node, PROV.wasGeneratedBy, activity))
    qualifiers = fact.qualifier_map
    if "role" in qualifiers:
        graph.add((node, GEOKG.role, Literal(qualifiers["role"])))
    if "item" in qualifiers:
        graph.add((node, GEOKG.item, Literal(qualifiers["item"])))
    if "place" in qualifiers:
        graph.add((node, GEOKG.placeName, Literal(qualifiers["place"])))
    if "date" in qualifiers:
        value = qualifiers["date"]
        _date(graph, node, value, {4: "year", 7: "month", 10: "day"}[len(value)])
    if "value" in qualifiers:
        amount, _, currency = qualifiers["value"].partition(" ")
        _value(graph, node, Amount(amount=int(amount), currency=currency))
    for evidence in fact.evidence:
        ev = evidence_iri(node, evidence.document, evidence.start, evidence.end, evidence.rule)
        graph.add((node, GEOKG.evidence, ev))
        graph.add((node, PROV.wasDerivedFrom, document_iri(evidence.document)))
        graph.add((ev, RDF.type, GEOKG.Evidence))
        graph.add((ev, GEOKG.document, document_iri(evidence.document)))
        graph.add((ev, GEOKG.sentence, Literal(evidence.sentence)))
        graph.add((ev, GEOKG.startOffset, Literal(evidence.start)))
        graph.add((ev, GEOKG.endOffset, Literal(evidence.end)))
        graph.add((ev, GEOKG.rule, Literal(evidence.rule)))
        graph.add((ev, GEOKG.extractorVersion, Literal(__version__)))
    if fact.asserted_positive:
        graph.add((subject, GEOKG[fact.predicate], obj))


def build_graph(articles: Iterable[Article], entities: Iterable[Entity], facts: Iterable[Fact]) -> Graph:
    """The RDF graph of a build: documents, entities, facts, evidence and the build activity
    (in an :class:`~kg.rdf.fast.IndexedStore`)."""
    graph = bind_prefixes(indexed_graph())
    articles = sorted(articles, key=lambda a: a.id)
    activity = activity_iri(tuple(a.id for a in articles))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"geokg {__version__} build")))
    graph.add((activity, PROV.wasAssociatedWith, URIRef("https://w3id.org/geokg/software")))
    for article in articles:
        _add_document(graph, article)
        graph.add((activity, PROV.used, document_iri(article.id)))
    for entity in entities:
        _add_entity(graph, entity)
    for fact in facts:
        _add_fact(graph, fact, activity)
    return graph


def date_value(value: str) -> DateValue:
    return DateValue(value=value, precision={4: "year", 7: "month", 10: "day"}[len(value)])
