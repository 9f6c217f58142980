"""The geokg ontology as a typed namespace (``ontology/geokg.ttl``); a misspelt term fails.

Kept in step with the ontology by ``tests/test_ontology.py``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["GEOKG", "ONTOLOGY_IRI", "DATA"]

ONTOLOGY_IRI = "https://w3id.org/geokg/ontology"
DATA = Namespace("https://w3id.org/geokg/id/")


class GEOKG(DefinedNamespace):
    """Terms of https://w3id.org/geokg/ontology#."""

    _fail = True
    _NS = Namespace("https://w3id.org/geokg/ontology#")

    Asserted: URIRef
    Country: URIRef
    Deal: URIRef
    Document: URIRef
    Entity: URIRef
    Event: URIRef
    Evidence: URIRef
    Fact: URIRef
    Hypothetical: URIRef
    Location: URIRef
    Mineral: URIRef
    Modality: URIRef
    MonetaryValue: URIRef
    Negative: URIRef
    Organization: URIRef
    Person: URIRef
    Planned: URIRef
    Polarity: URIRef
    Positive: URIRef
    Proposed: URIRef
    Reported: URIRef
    amount: URIRef
    attends: URIRef
    cleanedText: URIRef
    concerns: URIRef
    confidence: URIRef
    contentHash: URIRef
    currency: URIRef
    date: URIRef
    datePrecision: URIRef
    document: URIRef
    documentCount: URIRef
    endOffset: URIRef
    evidence: URIRef
    extractorVersion: URIRef
    hasReserves: URIRef
    holdsPosition: URIRef
    hosts: URIRef
    investsIn: URIRef
    invitedTo: URIRef
    iso3166Alpha2: URIRef
    iso3166Alpha3: URIRef
    item: URIRef
    locatedIn: URIRef
    mentionCount: URIRef
    mentionedIn: URIRef
    metWith: URIRef
    modality: URIRef
    object: URIRef
    partyTo: URIRef
    place: URIRef
    placeName: URIRef
    polarity: URIRef
    predicate: URIRef
    presentedTo: URIRef
    produces: URIRef
    proposesPartnership: URIRef
    restrictsExportOf: URIRef
    role: URIRef
    rule: URIRef
    seeksToReduceDependenceOn: URIRef
    sentence: URIRef
    sourceCount: URIRef
    startOffset: URIRef
    subject: URIRef
    value: URIRef
    wikidataId: URIRef
