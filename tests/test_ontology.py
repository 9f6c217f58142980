from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.rdf.namespace import GEOKG, ONTOLOGY_IRI
from kg.rdf.validate import validate
from kg.records import PREDICATES, TYPES

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
SHAPES = ["FactShape", "EvidenceShape", "ValueShape", "EntityShape", "CountryShape"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "geokg.ttl")


def test_ontology_is_versioned(ontology: Graph) -> None:
    iri = URIRef(ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(iri, OWL.versionIRI) is not None
    assert ontology.value(iri, OWL.versionInfo) is not None


def test_ontology_every_term_has_label_and_definition(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(GEOKG))}
    assert len(terms) > 50
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, SKOS.definition) is not None, term
        assert ontology.value(term, RDFS.isDefinedBy) == URIRef(ONTOLOGY_IRI), term


def test_ontology_has_the_types_and_fifteen_relations(ontology: Graph) -> None:
    for type_ in (*TYPES, "Fact"):
        assert (GEOKG[type_], RDF.type, OWL.Class) in ontology
    for predicate in PREDICATES:
        assert (GEOKG[predicate], RDF.type, OWL.ObjectProperty) in ontology
        assert ontology.value(GEOKG[predicate], RDFS.domain) is not None
        assert ontology.value(GEOKG[predicate], RDFS.range) is not None
    mapped = [p for p in PREDICATES if ontology.value(GEOKG[p], SKOS.closeMatch) is not None]
    assert len(mapped) >= 12


def test_ontology_namespace_matches_terms(ontology: Graph) -> None:
    terms = {str(s)[len(str(GEOKG)):] for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(GEOKG))}
    assert terms == set(GEOKG.__annotations__)
    with pytest.raises(AttributeError):
        GEOKG.hasReserve  # noqa: B018 - a misspelt term must fail


@pytest.mark.parametrize("shape", SHAPES)
def test_shapes_valid_example_conforms(shape: str) -> None:
    conforms, report = validate(Graph().parse(ONTOLOGY / "examples" / f"{shape}.valid.ttl"))
    assert conforms, report


@pytest.mark.parametrize("shape", SHAPES)
def test_shapes_invalid_example_fails_with_message(shape: str) -> None:
    conforms, report = validate(Graph().parse(ONTOLOGY / "examples" / f"{shape}.invalid.ttl"))
    assert not conforms
    assert f"shapes#{shape}" in report or "Message:" in report
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    shape_iri = URIRef(f"https://w3id.org/geokg/shapes#{shape}")
    assert (shape_iri, RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")) in shapes
