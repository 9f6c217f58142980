"""The IndexedStore a build's graph lives in: same SHACL verdicts and reports as rdflib's Memory
store (in place, serial or split between processes), the graph left as it was, the same N-Triples."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import ValidationError
from kg.export import ntriples_lines
from kg.rdf.fast import indexed_graph
from kg.rdf.validate import check, validate

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
SHAPES = ["FactShape", "EvidenceShape", "ValueShape", "EntityShape", "CountryShape"]


def _indexed(graph: Graph) -> Graph:
    return indexed_graph(graph)


def _state(graph: Graph) -> tuple[set, list]:
    return set(graph), sorted(graph.namespaces())


@pytest.mark.parametrize("kind", ["valid", "invalid"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("processes", [1, 2])
def test_indexed_graph_validates_like_memory(shape: str, kind: str, processes: int) -> None:
    memory = Graph().parse(ONTOLOGY / "examples" / f"{shape}.{kind}.ttl")
    indexed = _indexed(memory)
    before = _state(indexed)
    assert validate(indexed, processes=processes) == validate(memory)
    assert _state(indexed) == before  # the ontology's axioms and prefixes are taken out again


@pytest.mark.parametrize("processes", [1, 2])
def test_indexed_graph_does_not_conform_raises(processes: int) -> None:
    graph = _indexed(Graph().parse(ONTOLOGY / "examples" / "FactShape.valid.ttl"))
    fact = next(s for s, _p, _o in graph.triples((None, URIRef("https://w3id.org/geokg/ontology#confidence"), None)))
    graph.remove((fact, URIRef("https://w3id.org/geokg/ontology#confidence"), None))
    graph.add((fact, URIRef("https://w3id.org/geokg/ontology#confidence"), Literal("1.5")))
    with pytest.raises(ValidationError, match="confidence"):
        check(graph, processes=processes)


def test_ntriples_lines_are_rdflibs() -> None:
    graph = _indexed(Graph().parse(ONTOLOGY / "examples" / "EvidenceShape.valid.ttl"))
    graph.add((URIRef("https://w3id.org/geokg/id/x"), URIRef("https://w3id.org/geokg/ontology#sentence"),
               Literal('a "quoted"\\ line\nbreak\r and \u2028 separator\x0c')))
    expected = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    assert ntriples_lines(graph) == expected
