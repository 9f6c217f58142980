"""The query modules and analytics on the seed's build (issue 4's must-show answers)."""

from pathlib import Path

import pytest

from kg import analytics, queries

HOSTILE = [
    'Pakistan" } UNION { ?s ?p ?o } #',
    "x' . ?a ?b ?c . FILTER('1'='1",
    "}}}{{{",
    "Global Minerals Conference\n# comment\n} UNION {",
    "<https://w3id.org/geokg/id/entity/country/PK>",
    "\\u0022; DROP ALL",
    "",
]


def test_queries_attendees_lists_jaishankar_and_india_planned(seed_kg) -> None:
    found = {(a.subject_label, a.modality) for a in queries.attendees(seed_kg, "Global Minerals Conference")}
    assert found == {("S Jaishankar", "planned"), ("India", "planned")}


def test_queries_not_invited_lists_pakistan_with_evidence(seed_kg) -> None:
    found = queries.invitations(seed_kg, "the Global Minerals Conference", polarity="negative")
    assert [a.subject_label for a in found] == ["Pakistan"]
    assert "has not invited Pakistan" in found[0].evidence[0].sentence
    assert queries.invitations(seed_kg, "Global Minerals Conference", polarity="positive") == []


def test_queries_positions_for_pakistan(seed_kg) -> None:
    found = {(a.subject_label, a.qualifiers["role"]) for a in queries.positions(seed_kg, holder="Islamabad")}
    assert found == {("Shehbaz Sharif", "Prime Minister"), ("Asim Munir", "Army Chief")}
    assert [a.object_label for a in queries.positions(seed_kg, person="Munir")] == ["Pakistan"]


def test_queries_deals_for_us_strategic_metals(seed_kg) -> None:
    found = queries.deals(seed_kg, party="US Strategic Metals")
    assert len(found) == 1
    deal = found[0]
    assert (deal.value.amount, deal.value.currency) == (500_000_000, "USD")
    assert {p[0] for p in deal.parties} == {"Pakistan", "US Strategic Metals"}
    assert queries.deals(seed_kg, party="China") == []


def test_queries_minerals_relations_timeline_claims(seed_kg) -> None:
    assert [a.subject_label for a in queries.reserves(seed_kg, "rare earths")] == ["Pakistan"]
    relations = queries.relations(seed_kg, "US")
    assert {a.predicate for a in relations} >= {"hosts", "seeksToReduceDependenceOn"}
    timeline = queries.timeline(seed_kg, "Shehbaz Sharif")
    assert [a.qualifiers["date"] for a in timeline] == ["2025"]
    claim = queries.check_claim(seed_kg, "Pakistan", "invitedTo", "Global Minerals Conference")
    assert claim.verdict == "contradicted" and claim.contradicting[0].polarity == "negative"


def test_queries_accept_aliases_and_surnames(seed_kg) -> None:
    for name in ("US", "U.S.", "United States", "Washington", "american"):
        assert queries.find_entity(seed_kg, name) is not None, name
    assert str(queries.find_entity(seed_kg, "Munir")).endswith("asim_munir")


@pytest.mark.parametrize("name", HOSTILE)
def test_queries_bind_parameters_against_injection(seed_kg, name: str) -> None:
    assert queries.attendees(seed_kg, name) == []
    assert queries.positions(seed_kg, holder=name) == []
    assert queries.deals(seed_kg, party=name) == []
    assert queries.relations(seed_kg, name) == []


def test_queries_unknown_predicate_is_a_clear_error(seed_kg) -> None:
    with pytest.raises(ValueError, match="unknown predicate 'invited'"):
        queries.facts(seed_kg, predicate="invited")


def test_analytics_central_actors_and_positive_flag(seed_kg) -> None:
    top = analytics.central_actors(seed_kg.nx, top=3)
    assert top[0]["label"] == "Pakistan"
    positive = analytics.central_actors(seed_kg.nx, positive_only=True, top=50)
    assert all(r["type"] in {"Country", "Person", "Organization"} for r in positive)


def test_analytics_shortest_connection_has_evidence(seed_kg) -> None:
    chain = analytics.shortest_connection(seed_kg.nx, "country:PK", "country:IN")
    assert chain[0]["subject"] == "Pakistan" and chain[-1]["subject"] == "India"
    assert all(step["evidence"] for step in chain)
    with pytest.raises(Exception, match="no entity"):
        analytics.shortest_connection(seed_kg.nx, "country:PK", "country:ZZ")


def test_analytics_ego_and_communities(seed_kg) -> None:
    ego = analytics.ego_network(seed_kg.nx, "country:PK")
    assert "event:global_minerals_conference" in ego and "country:CN" not in ego
    groups = analytics.communities(seed_kg.nx)
    assert sum(len(g) for g in groups) <= seed_kg.nx.number_of_nodes() and len(groups) >= 2


def _every_module(graph, names: list[str]) -> list:  # type: ignore[no-untyped-def]
    """Every query module's answers for each of ``names`` (as event, person, party, mineral, entity)."""
    found = []
    for name in names:
        found += [queries.attendees(graph, name, include_negative=True), queries.invitations(graph, name),
                  queries.hosts(graph, name), queries.positions(graph, person=name), queries.positions(graph, holder=name),
                  queries.deals(graph, party=name), queries.deals(graph, mineral=name), queries.reserves(graph, name),
                  queries.producers(graph, name), queries.export_restrictions(graph, name),
                  queries.relations(graph, name), queries.timeline(graph, name)]
    return found + [queries.deals(graph)]


def test_queries_answer_the_same_in_oxigraph_and_in_rdflib(tmp_path) -> None:
    """kg.load's Oxigraph-backed graph (queries as text with VALUES) and rdflib's in-memory graph
    (prepared queries with initBindings) give the same answers, on a build of the dev articles."""
    import kg
    from kg.rdf.oxigraph import is_oxigraph

    kg.build([Path(__file__).parent / "articles"], out=tmp_path)
    fast, memory = kg.load(tmp_path), kg.load(tmp_path, store="memory")
    assert is_oxigraph(fast.graph) and not is_oxigraph(memory.graph)
    names = sorted({e.label for e in memory.entities})
    assert len(names) > 100
    in_oxigraph, in_rdflib = _every_module(fast, names), _every_module(memory, names)
    assert sum(map(len, in_rdflib)) > 500  # the comparison is not of empty answers
    assert in_oxigraph == in_rdflib
    assert fast.entities == memory.entities and fast.facts == memory.facts


@pytest.mark.parametrize("name", HOSTILE)
def test_queries_bind_parameters_against_injection_in_rdflib_too(seed_out, name: str) -> None:
    import kg

    memory = kg.load(seed_out, store="memory")
    assert queries.find_entity(memory, name) is None
    assert queries.attendees(memory, name) == [] and queries.deals(memory, party=name) == []


def test_with_values_writes_each_value_as_one_term() -> None:
    from rdflib import Literal, URIRef

    from kg.queries._base import with_values

    text = with_values("SELECT ?name WHERE { ?s ?p ?name }", {"name": Literal('a" } UNION { ?s ?p ?o } #\n')})
    assert text.count("UNION") == 1 and '\\"' in text and "\\n" in text
    several = with_values("SELECT ?deal WHERE { ?deal ?p ?o }", {"deal": [URIRef("https://x/1"), URIRef("https://x/2")]})
    assert "VALUES (?deal) { (<https://x/1>) (<https://x/2>) }" in several


def test_disk_store_is_made_once_refreshed_when_the_graph_changes_and_read_only(seed_out, tmp_path) -> None:
    import shutil

    import pytest as _pytest
    from rdflib import Literal, URIRef

    from kg.rdf.oxigraph import disk_store, graph_from_directory

    folder = tmp_path / "built"
    shutil.copytree(seed_out, folder, ignore=shutil.ignore_patterns(".oxigraph*"))
    store = disk_store(folder)
    made = (store / ".geokg-source").stat().st_mtime_ns
    assert disk_store(folder) == store and (store / ".geokg-source").stat().st_mtime_ns == made  # up to date: kept
    graph = graph_from_directory(folder)
    lines = (folder / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert len(graph) == len(set(lines))
    assert queries.find_entity(graph, "Islamabad") is not None
    with _pytest.raises(Exception):  # noqa: B017 - pyoxigraph's own error for a write to a read-only store
        graph.add((URIRef("https://x/a"), URIRef("https://x/b"), Literal("c")))
    extra = '<https://x/s> <http://www.w3.org/2000/01/rdf-schema#label> "Brand new" .'
    (folder / "graph.nt").write_text("\n".join(lines + [extra]) + "\n", encoding="utf-8")
    assert queries.find_entity(graph_from_directory(folder), "Brand new") == URIRef("https://x/s")  # reloaded
    assert not list(folder.glob(".oxigraph-*"))  # no half-made or old stores left behind


def test_disk_store_loaded_once_when_processes_race(seed_out, tmp_path) -> None:
    """Four processes that all find the store missing: one loads it, the others wait and use it."""
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "built"
    shutil.copytree(seed_out, folder, ignore=shutil.ignore_patterns(".oxigraph*"))
    code = ("import sys; from kg.rdf.oxigraph import graph_from_directory; "
            "print(len(graph_from_directory(sys.argv[1])))")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True)
            for _ in range(4)]
    counts = {int(run.communicate()[0]) for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert counts == {len(set((folder / "graph.nt").read_text(encoding="utf-8").splitlines()))}
    assert not list(folder.glob(".oxigraph-*"))  # no half-made or old stores left behind
