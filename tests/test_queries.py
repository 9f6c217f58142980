"""The query modules and analytics on the seed's build (issue 4's must-show answers)."""

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
