"""The IndexedStore a build's graph lives in: same SHACL verdicts and reports as rdflib's Memory
store (in place, or made and checked in a forked process), the graph left as it was, the same N-Triples."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import ValidationError
from kg.export import ntriples_lines
from kg.rdf.fast import indexed_graph
from kg.rdf.validate import BackgroundCheck, check, validate

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
SHAPES = ["FactShape", "EvidenceShape", "ValueShape", "EntityShape", "CountryShape"]


def _indexed(graph: Graph) -> Graph:
    return indexed_graph(graph)


def _state(graph: Graph) -> tuple[set, list]:
    return set(graph), sorted(graph.namespaces())


@pytest.mark.parametrize("kind", ["valid", "invalid"])
@pytest.mark.parametrize("shape", SHAPES)
def test_indexed_graph_validates_like_memory(shape: str, kind: str) -> None:
    memory = Graph().parse(ONTOLOGY / "examples" / f"{shape}.{kind}.ttl")
    indexed = _indexed(memory)
    before = _state(indexed)
    assert validate(indexed) == validate(memory)
    assert _state(indexed) == before  # the ontology's axioms and prefixes are taken out again


def _broken_fact() -> Graph:
    graph = _indexed(Graph().parse(ONTOLOGY / "examples" / "FactShape.valid.ttl"))
    fact = next(s for s, _p, _o in graph.triples((None, URIRef("https://w3id.org/geokg/ontology#confidence"), None)))
    graph.remove((fact, URIRef("https://w3id.org/geokg/ontology#confidence"), None))
    graph.add((fact, URIRef("https://w3id.org/geokg/ontology#confidence"), Literal("1.5")))
    return graph


def test_indexed_graph_does_not_conform_raises() -> None:
    with pytest.raises(ValidationError, match="confidence"):
        check(_broken_fact())


def test_background_check_raises_what_check_raises() -> None:
    with pytest.raises(ValidationError, match="confidence") as raised:
        BackgroundCheck(_broken_fact, where="here").result()
    assert raised.value.args[0].startswith("here: ")
    BackgroundCheck(lambda: _indexed(Graph().parse(ONTOLOGY / "examples" / "FactShape.valid.ttl")), where="x").result()


def test_ntriples_lines_are_rdflibs() -> None:
    graph = _indexed(Graph().parse(ONTOLOGY / "examples" / "EvidenceShape.valid.ttl"))
    graph.add((URIRef("https://w3id.org/geokg/id/x"), URIRef("https://w3id.org/geokg/ontology#sentence"),
               Literal('a "quoted"\\ line\nbreak\r and \u2028 separator\x0c')))
    expected = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    assert ntriples_lines(graph) == expected
