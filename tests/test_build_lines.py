"""A build writes its files from N-Triples lines made without rdflib terms and hands on the
resolved records: both must be exactly what the rdflib graph gives."""

from pathlib import Path

import pytest

from kg.api import extract_articles
from kg.export import jsonld_from_lines, ntriples_lines
from kg.ingest import read_articles
from kg.rdf.build import build_graph, build_lines
from kg.rdf.read import read_entities, read_facts
from kg.records import Amount, Article, DateValue, Entity, Evidence, Fact
from kg.resolve import resolve

TESTS = Path(__file__).parent
FOLDERS = ["articles", "holdout", "fresh", "fresh2", "fresh3", "fresh4"]


@pytest.fixture(scope="module")
def resolved() -> tuple[list[Article], list[Entity], list[Fact]]:
    articles = read_articles([TESTS / folder for folder in FOLDERS])
    pairs = list(extract_articles(articles))
    entities, facts = resolve(pairs)
    return [a for a, _x in pairs], entities, facts


def _hostile() -> tuple[list[Article], list[Entity], list[Fact]]:
    odd = 'Say "no" \\ to\nthe\r\tend – ü 😀 <x> .'
    article = Article(id="d 1/é", text=odd, title=odd, published="2025-03", outlet=odd,
                      source_url="https://example.org/a?b=c&d=%20", content_hash="h")
    entities = [
        Entity(key=f"person:{odd}", label=odd, type="Person", aliases=(odd + "2",), documents=("d 1/é",), mentions=2),
        Entity(key="deal:x", label="X", type="Deal", documents=("d 1/é",), mentions=1,
               value=Amount(amount=1_500_000_000, currency="USD"), date=DateValue(value="2025", precision="year")),
        Entity(key="country:PK", label="Pakistan", type="Country", identifiers=(("iso3166", "PK"), ("wikidata", "Q843")),
               documents=("d 1/é",), mentions=1),
    ]
    facts = [Fact(subject=f"person:{odd}", predicate="partyTo", object="deal:x", polarity="negative",
                  modality="planned", confidence=0.5,
                  evidence=(Evidence(document="d 1/é", sentence=odd, start=0, end=len(odd), rule=odd),),
                  qualifiers=(("date", "2025-03-01"), ("role", odd), ("value", "7 EUR")))]
    return [article], entities, facts


def test_build_lines_are_the_graphs_ntriples(resolved) -> None:  # type: ignore[no-untyped-def]
    for articles, entities, facts in (resolved, _hostile()):
        assert build_lines(articles, entities, facts) == ntriples_lines(build_graph(articles, entities, facts))


def test_build_jsonld_from_lines_is_the_graph(resolved) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Graph
    from rdflib.compare import isomorphic

    for articles, entities, facts in (resolved, _hostile()):
        graph = build_graph(articles, entities, facts)
        parsed = Graph().parse(data=jsonld_from_lines(build_lines(articles, entities, facts)), format="json-ld")
        assert isomorphic(parsed, graph)


def test_build_records_read_back_from_the_rdf_unchanged(resolved) -> None:  # type: ignore[no-untyped-def]
    articles, entities, facts = resolved
    assert len(facts) > 300
    graph = build_graph(articles, entities, facts)
    assert read_entities(graph) == entities
    assert read_facts(graph) == facts


def test_graph_of_lines_reads_any_ntriples_as_rdflib_does(resolved) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.rdf.build import graph_of_lines

    lines = build_lines(*_hostile())
    assert isomorphic(graph_of_lines(lines), build_graph(*_hostile()))
    by_hand = [  # what another tool or a person may write: other escapes, tabs, comments, blank nodes
        '<http://x/a> <http://x/p> "caf\\u00e9 \\t" .', "<http://x/a>\t<http://x/p>\t<http://x/b> .",
        "# a comment", "", '_:n <http://x/p> "x"@en-GB .', '<http://x/a> <http://x/q> "a \\"b\\"" .',
        '<http://x/\\u00e9> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    ]
    assert isomorphic(graph_of_lines(by_hand), Graph().parse(data="\n".join(by_hand), format="nt"))


def test_a_built_graph_is_made_only_when_asked_for(tmp_path: Path) -> None:
    from kg.api import build_into

    (tmp_path / "a.txt").write_text("Chile signed a lithium deal with Albemarle Corp.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Peru restricted exports of copper.", encoding="utf-8")
    build_into(tmp_path / "out", [tmp_path / "a.txt"])  # checked whole: that graph is made
    result, _report = build_into(tmp_path / "out", [tmp_path / "b.txt"])  # checked in part: none is
    assert "entities" in repr(result) and result._graph is None  # the build wrote its files from lines
    assert len(result.graph) == sum(1 for _ in (tmp_path / "out" / "graph.nt").open(encoding="utf-8"))
    assert "triples" in repr(result)
