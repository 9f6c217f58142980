"""The generated corpus (scripts/make_corpus.py): reproducible, and nothing lost or duplicated as it grows."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kg.api import build_into

from conftest import ROOT, load_scorer, read_jsonl


def load_script(name: str) -> ModuleType:
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"geokg_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = load_script("make_corpus")


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("corpus20")
    articles = list(corpus.make_corpus(20, seed=0))
    corpus.write_corpus(articles, folder)
    return folder, articles


@pytest.fixture(scope="module")
def built20(twenty: tuple[Path, list], tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[type-arg]
    folder, _articles = twenty
    out = tmp_path_factory.mktemp("built20")
    _result, report = build_into(out, [folder])
    assert report.ok and len(report.added) == 20
    return out


def test_corpus_is_reproducible_and_grows_by_prefix(tmp_path: Path) -> None:
    first = [a.text for a in corpus.make_corpus(8, seed=3)]
    assert first == [a.text for a in corpus.make_corpus(8, seed=3)]
    assert first[:5] == [a.text for a in corpus.make_corpus(5, seed=3)]
    assert first != [a.text for a in corpus.make_corpus(8, seed=4)]
    assert len(set(first)) == 8
    assert corpus.main(["3", "--out", str(tmp_path / "files"), "--seed", "3"]) == 0
    assert len(list((tmp_path / "files").glob("*.txt"))) == 3
    assert len(list((tmp_path / "files").glob("*.gold.json"))) == 3
    meta = json.loads(next((tmp_path / "files").glob("*.meta.json")).read_text(encoding="utf-8"))
    assert set(meta) == {"id", "title", "published", "outlet"}
    assert corpus.main(["3", "--jsonl", str(tmp_path / "c.jsonl"), "--seed", "3"]) == 0
    rows = read_jsonl(tmp_path / "c.jsonl")
    assert [r["text"] for r in rows] == first[:3]
    assert len(read_jsonl(tmp_path / "c.gold.jsonl")) == 3


def test_corpus_varies_its_content() -> None:
    articles = list(corpus.make_corpus(60, seed=0))
    gold = corpus.corpus_gold(articles)
    types = {e["type"] for e in gold["entities"]}
    predicates = {r["predicate"] for r in gold["relations"]}
    assert types == {"Country", "Person", "Organization", "Event", "Deal", "Mineral", "Location"}
    assert len(predicates) >= 12
    assert {r["polarity"] for r in gold["relations"]} == {"positive", "negative"}
    assert {r["modality"] for r in gold["relations"]} >= {"asserted", "planned", "proposed", "hypothetical", "reported"}
    text = " ".join(a.text for a in articles)
    assert all(symbol in text for symbol in ("$", "€", "£", "A$", "billion", "million"))
    assert any(e["type"] == "Organization" and e["name"].split()[0] in {c[1] for c in corpus.COUNTRIES}
               for e in gold["entities"])


def test_corpus_twenty_articles_give_exactly_the_gold_union(built20: Path, twenty: tuple[Path, list]) -> None:  # type: ignore[type-arg]
    _folder, articles = twenty
    scorer = load_scorer()
    gold = corpus.corpus_gold(articles)
    result = scorer.score(gold, built20)
    entities, relations = result["entities"], result["relations"]
    assert (entities["fp"], entities["fn"]) == (0, 0), (result["false_entities"], result["missed_entities"])
    assert (relations["fp"], relations["fn"]) == (0, 0), (result["false_relations"], result["missed_relations"])
    scored = [e for e in read_jsonl(built20 / "entities.jsonl") if e["type"] in scorer.TYPES]
    assert len(scored) == len(gold["entities"])
    facts = [f for f in read_jsonl(built20 / "facts.jsonl") if f["predicate"] in scorer.PREDICATES]
    assert len(facts) == len(gold["relations"])
    # the same event reported by several articles is one node whose facts count their sources
    reported = [e for e in gold["entities"] if e["type"] == "Event"]
    rows = {e["label"]: e for e in read_jsonl(built20 / "entities.jsonl") if e["type"] == "Event"}
    assert {e["name"] for e in reported} == set(rows)
    assert any(len(row["documents"]) > 1 for row in rows.values())


def test_corpus_incremental_build_equals_one_build(built20: Path, twenty: tuple[Path, list], tmp_path: Path) -> None:  # type: ignore[type-arg]
    folder, articles = twenty
    scorer = load_scorer()
    first, second = articles[:10], articles[10:]
    out = tmp_path / "grown"
    build_into(out, [folder / f"{a.id}.txt" for a in first])
    half = scorer.score(corpus.corpus_gold(first), out)
    assert half["entities"]["fp"] == half["entities"]["fn"] == half["relations"]["fn"] == 0
    _result, report = build_into(out, [folder])  # the first ten are skipped as unchanged
    assert len(report.unchanged) == 10 and len(report.added) == 10
    assert (out / "graph.nt").read_bytes() == (built20 / "graph.nt").read_bytes()
    jsonl = tmp_path / "corpus.jsonl"
    corpus.write_jsonl(articles, jsonl)
    build_into(tmp_path / "from_jsonl", [jsonl])
    assert (tmp_path / "from_jsonl" / "graph.nt").read_bytes() == (built20 / "graph.nt").read_bytes()


def test_corpus_two_worker_processes_give_the_same_graph(built20: Path, twenty: tuple[Path, list], tmp_path: Path) -> None:  # type: ignore[type-arg]
    folder, _articles = twenty
    _result, report = build_into(tmp_path / "two", [folder], processes=2)
    assert report.ok and len(report.added) == 20
    # every export is the same file, though a second process wrote JSON-LD and GEXF
    for name in ("graph.nt", "graph.ttl", "graph.jsonld", "graph.graphml", "graph.gexf", "facts.csv",
                 "facts.jsonl", "entities.jsonl"):
        assert (tmp_path / "two" / name).read_bytes() == (built20 / name).read_bytes(), name
