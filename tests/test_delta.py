"""Validating only what changed (kg.delta) catches what validating the whole graph catches."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.api import build_into
from kg.delta import changed_lines, changed_subgraph, check_changed
from kg.errors import ValidationError
from kg.export import ntriples_lines
from kg.rdf.namespace import GEOKG

ONE = "Chile signed a $1.5 billion lithium supply deal with Albemarle Corp on Monday."


def test_delta_changed_lines_is_the_symmetric_difference() -> None:
    before, after = ["a", "b", "d", "f"], ["b", "c", "d", "g", "h"]
    assert list(changed_lines(iter(before), after)) == ["a", "c", "f", "g", "h"]
    assert list(changed_lines(iter([]), ["x"])) == ["x"] and list(changed_lines(iter(["x"]), [])) == ["x"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, list[str]]:
    folder = tmp_path_factory.mktemp("delta")
    (folder / "a.txt").write_text(ONE, encoding="utf-8")
    result, _report = build_into(folder / "out", [folder / "a.txt"])
    return result.graph, ntriples_lines(result.graph)


def _changed(graph: Graph, before: list[str]) -> None:
    change = changed_subgraph(iter(before), ntriples_lines(graph))
    assert change is not None
    check_changed(change, where="test")


def test_delta_unchanged_graph_has_nothing_to_check(built: tuple[Graph, list[str]]) -> None:
    graph, lines = built
    change = changed_subgraph(iter(lines), lines)
    assert change is not None and change.focus == [] and len(change.graph) == 0


def test_delta_a_change_no_shape_looks_at_is_not_checked(built: tuple[Graph, list[str]]) -> None:
    graph, lines = built
    moved = Graph()
    for s, p, o in graph:
        moved.add((s, p, URIRef("https://w3id.org/geokg/id/build/other") if p == PROV.wasGeneratedBy else o))
    change = changed_subgraph(iter(lines), ntriples_lines(moved))
    assert change is not None and change.focus == [] and len(change.graph) == 0


def test_delta_a_changed_fact_is_checked_with_the_nodes_it_needs(built: tuple[Graph, list[str]]) -> None:
    graph, lines = built
    fact = next(graph.subjects(RDF.type, GEOKG.Fact))
    changed = Graph()
    for triple in graph:
        changed.add(triple)
    changed.set((fact, GEOKG.confidence, Literal("0.5", datatype=XSD.decimal)))
    change = changed_subgraph(iter(lines), ntriples_lines(changed))
    assert change is not None and change.focus == [fact]  # only the fact changed
    assert (fact, GEOKG.confidence, Literal("0.5", datatype=XSD.decimal)) in change.graph
    evidence = next(change.graph.objects(fact, GEOKG.evidence))
    assert set(change.graph.predicate_objects(evidence)) == {(RDF.type, GEOKG.Evidence)}  # its values' classes
    check_changed(change, where="test")


def test_delta_shapes_beyond_node_local_mean_the_whole_graph(built: tuple[Graph, list[str]]) -> None:
    graph, lines = built
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:node <urn:other> .""", format="turtle")
    assert changed_subgraph(iter(lines), lines, shapes=shapes) is None


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_delta_a_broken_changed_node_fails(built: tuple[Graph, list[str]]) -> None:
    graph, lines = built
    broken = _copy(graph)
    fact = next(broken.subjects(RDF.type, GEOKG.Fact))
    broken.remove((fact, GEOKG.polarity, None))
    with pytest.raises(ValidationError, match="polarity"):
        _changed(broken, lines)


def test_delta_a_node_pointing_at_a_changed_node_is_checked_again(built: tuple[Graph, list[str]]) -> None:
    graph, lines = built
    broken = _copy(graph)
    evidence = next(broken.subjects(RDF.type, GEOKG.Evidence))
    document = broken.value(evidence, GEOKG.document)
    broken.remove((document, RDF.type, GEOKG.Document))  # only the document changed
    with pytest.raises(ValidationError, match="Document"):
        _changed(broken, lines)


def test_delta_incremental_build_writes_a_validation_record(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ONE, encoding="utf-8")
    build_into(tmp_path / "out", [tmp_path / "a.txt"])
    assert (tmp_path / "out" / ".geokg-validated").is_file()
    build_into(tmp_path / "out", [tmp_path / "a.txt"], validate=False)
    assert not (tmp_path / "out" / ".geokg-validated").exists()


@pytest.mark.parametrize("processes", [1, 2])
def test_a_build_that_does_not_conform_raises_and_keeps_the_old_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int) -> None:
    from kg.rdf.build import build_lines

    (tmp_path / "a.txt").write_text(ONE, encoding="utf-8")
    out = tmp_path / "out"
    build_into(out, [tmp_path / "a.txt"])
    (out / ".geokg-validated").unlink()  # no record of a validated graph: the whole graph is checked
    before = {path.name: path.read_bytes() for path in out.glob("*.*")}

    def broken(*args: object) -> list[str]:
        return [line for line in build_lines(*args) if f"<{GEOKG.confidence}>" not in line]  # type: ignore[arg-type]

    monkeypatch.setattr("kg.api.build_lines", broken)
    with pytest.raises(ValidationError, match="confidence"):
        build_into(out, [tmp_path / "a.txt"], fresh=True, processes=processes)
    assert {path.name: path.read_bytes() for path in out.glob("*.*")} == before
    assert not list(out.glob(".*.tmp"))


MUTATIONS = ["drop", "wrong literal", "drop type", "second value", "retype"]


def _mutated(lines: list[str], kind: str, pick: int, other: int) -> list[str]:
    """The sorted lines of a graph with one triple changed in the way ``kind`` says."""
    line = lines[pick % len(lines)]
    subject, predicate, _obj = line[:-2].split(" ", 2)
    type_iri = f"<{RDF.type}>"
    classes = sorted({row.split(" ", 2)[2][:-2] for row in lines if f" {type_iri} " in row})
    changed = [row for row in lines if row != line]
    if kind == "wrong literal":
        changed.append(f'{subject} {predicate} "not what was asked for" .')
    elif kind == "drop type":
        changed = [row for row in lines if not row.startswith(f"{subject} {type_iri} ")]
    elif kind == "second value":
        changed += [f"{subject} {predicate} {lines[other % len(lines)].split(' ', 2)[2][:-2]} .", line]
    elif kind == "retype":
        changed = [row for row in lines if not row.startswith(f"{subject} {type_iri} ")]
        changed.append(f"{subject} {type_iri} {classes[other % len(classes)]} .")
    return sorted(set(changed))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(MUTATIONS), pick=st.integers(min_value=0), other=st.integers(min_value=0))
def test_delta_check_agrees_with_the_whole_check(built: tuple[Graph, list[str]], kind: str, pick: int, other: int) -> None:
    """Whatever one triple of a conforming graph becomes, checking only the changed part gives
    the verdict of checking the whole graph."""
    from kg.rdf.build import graph_of_lines
    from kg.rdf.validate import validate

    _graph, lines = built
    changed = _mutated(lines, kind, pick, other)
    whole = validate(graph_of_lines(changed))[0]
    change = changed_subgraph(iter(lines), changed)
    assert change is not None
    part = not change.focus or validate(change.graph, focus=change.focus)[0]
    assert part == whole


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(MUTATIONS), pick=st.integers(min_value=0), other=st.integers(min_value=0))
def test_checking_only_the_constrained_lines_agrees_with_the_whole_check(
        built: tuple[Graph, list[str]], kind: str, pick: int, other: int) -> None:
    """Whatever one triple of a conforming graph becomes, the graph of the lines a whole check
    looks at (kg.rdf.validate.checked_lines) gets the verdict of the whole graph."""
    from kg.rdf.build import graph_of_lines
    from kg.rdf.validate import checked_lines, validate

    _graph, lines = built
    changed = _mutated(lines, kind, pick, other)
    kept = list(checked_lines(changed))
    assert len(kept) < len(changed)  # the document texts, counts and PROV links are left out
    assert validate(graph_of_lines(kept))[0] == validate(graph_of_lines(changed))[0]
