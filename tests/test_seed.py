"""The seed article end to end: scores, SHACL, GraphML, determinism, the RDF contract."""

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

import kg
from kg.rdf.namespace import GEOKG
from kg.rdf.validate import validate

from conftest import ROOT, SEED, SHARED, read_jsonl


def test_seed_scores_against_gold(seed_out: Path, scorer) -> None:
    gold = json.loads((SHARED / "eval" / "seed.gold.json").read_text(encoding="utf-8"))
    result = scorer.score(gold, seed_out)
    assert result["entities"]["f1"] == 1.0, result
    assert result["relations"]["f1"] >= 0.95, result
    wrong_polarity = [r for r in result["false_relations"] if r.endswith("negative") or r.endswith("positive")]
    gold_keys = {(g["subject"], g["predicate"], g["object"]) for g in gold["relations"]}
    flipped = [r for r in wrong_polarity if tuple(r.split()[:3]) in gold_keys]
    assert not flipped, flipped


def test_seed_graph_conforms_to_shapes(seed_out: Path) -> None:
    conforms, report = validate(Graph().parse(seed_out / "graph.ttl"))
    assert conforms, report


def test_seed_negative_fact_is_no_direct_triple(seed_kg) -> None:
    pakistan = seed_kg.entity("Pakistan")
    conference = seed_kg.entity("Global Minerals Conference")
    facts = [f for f in seed_kg.facts if f.subject == pakistan.key and f.predicate == "invitedTo"]
    assert [f.polarity for f in facts] == ["negative"]
    invited = list(seed_kg.graph.query(
        "SELECT ?who WHERE { ?who geokg:invitedTo ?event }", initNs={"geokg": GEOKG}))
    assert invited == []
    assert conference.date is not None and conference.date.value == "2026-02-04"


def test_seed_sparql_example_from_readme(seed_kg) -> None:
    query = (ROOT / "README.md").read_text(encoding="utf-8").split("```sparql")[1].split("```")[0]
    rows = {tuple(str(v) for v in row)[:3] for row in seed_kg.graph.query(query)}
    assert ("Pakistan", "Global Minerals Conference", "https://w3id.org/geokg/ontology#Negative") in rows


def test_seed_evidence_offsets_index_the_cleaned_text(seed_kg) -> None:
    from kg.ingest import read_article

    text = read_article(SEED).text
    for fact in seed_kg.facts:
        for evidence in fact.evidence:
            assert text[evidence.start:evidence.end].strip() == evidence.sentence
            assert evidence.rule


def test_seed_qualifiers(seed_kg) -> None:
    by = {(f.subject, f.predicate, f.object): f for f in seed_kg.facts}
    sharif = seed_kg.entity("Shehbaz Sharif").key
    trump = seed_kg.entity("Trump").key
    presented = by[(sharif, "presentedTo", trump)].qualifier_map
    assert presented["date"] == "2025" and "rare earths" in presented["item"] and presented["place"] == "White House"
    deal = seed_kg.entity("$500 million deal with US Strategic Metals")
    assert deal.value is not None and (deal.value.amount, deal.value.currency) == (500_000_000, "USD")
    us = seed_kg.entity("US")
    assert us.identifier_map == {"iso3166": "US", "iso3166_alpha3": "USA", "wikidata": "Q30"}
    assert "Washington" in us.aliases


def test_seed_graphml_validates_and_round_trips(seed_out: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    xsd = SHARED / "schemas" / "graphml-1.0" / "graphml.xsd"
    if not xsd.is_file():
        pytest.skip(f"{xsd} missing")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    document = etree.parse(str(seed_out / "graph.graphml"))
    assert schema.validate(document), schema.error_log
    view = nx.read_graphml(seed_out / "graph.graphml", force_multigraph=True)
    node = next(d for _, d in view.nodes(data=True) if d["label"] == "Pakistan")
    assert node["type"] == "Country" and node["iso3166"] == "PK" and isinstance(node["mentions"], int)
    edges = [d for _, _, d in view.edges(data=True)]
    negative = [d for d in edges if d["polarity"] == "negative"]
    assert negative and all(d["negative"] is True for d in negative)
    assert all(isinstance(d["confidence"], float) and d["label"] == d["predicate"] for d in edges)
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_GraphML(str(seed_out / "graph.graphml"))
    assert set(g.vs.attributes()) >= {"label", "type", "iso3166", "wikidata", "mentions"}
    assert set(g.es.attributes()) >= {"label", "predicate", "polarity", "modality", "confidence", "evidence", "documents", "weight"}
    assert g.ecount() == len(edges)


def test_seed_build_is_byte_for_byte_stable(seed_out: Path, tmp_path: Path) -> None:
    kg.build([SEED], out=tmp_path)
    assert (tmp_path / "graph.nt").read_bytes() == (seed_out / "graph.nt").read_bytes()
    assert (tmp_path / "facts.jsonl").read_bytes() == (seed_out / "facts.jsonl").read_bytes()


def test_seed_networkx_view(seed_kg) -> None:
    view = seed_kg.nx
    assert isinstance(view, nx.MultiDiGraph)
    assert view.number_of_edges() == len(seed_kg.facts)
    assert view.nodes["country:PK"]["type"] == "Country"
    data = view.get_edge_data("country:PK", "event:global_minerals_conference")
    assert data["invitedTo:negative"]["polarity"] == "negative"


def test_seed_exports_formats(seed_out: Path) -> None:
    entities = read_jsonl(seed_out / "entities.jsonl")
    assert {"id", "label", "type", "aliases", "identifiers", "documents", "mentions"} <= set(entities[0])
    facts = read_jsonl(seed_out / "facts.jsonl")
    assert all(f["evidence"] and 0 < f["confidence"] <= 1 for f in facts)
    assert Graph().parse(seed_out / "graph.jsonld", format="json-ld")


def test_cli_build_prints_summary(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(SEED), "--out", str(tmp_path)],
                          capture_output=True, text=True, check=True)
    assert "Pakistan —invitedTo (NOT)→ Global Minerals Conference" in done.stdout
    assert "Country 4" in done.stdout


def test_cli_reports_missing_input(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "nope.txt"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "nope.txt: no such file" in done.stderr


def test_readme_python_example_runs_as_written(tmp_path: Path, monkeypatch) -> None:
    code = (ROOT / "README.md").read_text(encoding="utf-8").split("```python")[1].split("```")[0]
    (tmp_path / "seeds").mkdir()
    for path in (ROOT / "seeds").iterdir():
        (tmp_path / "seeds" / path.name).write_bytes(path.read_bytes())
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_build_summary_lists_the_first_facts_and_says_how_many_more(seed_kg) -> None:
    from kg.summary import summary

    everything = summary(seed_kg.entities, seed_kg.facts)
    assert everything.count("—") == len(seed_kg.facts) and "more" not in everything
    short = summary(seed_kg.entities, seed_kg.facts, limit=3, where="out")
    assert short.count("—") == 3
    assert f"… and {len(seed_kg.facts) - 3} more: `kg show out` lists them all" in short
