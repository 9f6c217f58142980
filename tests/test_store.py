"""The persistent store: incremental builds, replacement, removal, sources, kill and re-run."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

import kg
from kg.api import build_into, remove

from conftest import ARTICLES, SEED, read_jsonl

ONE = "Chile signed a $1.5 billion lithium supply deal with Albemarle Corp on Monday."
TWO = "Peru signed a $2 billion copper supply deal with Glencore Plc on Tuesday."


def write(folder: Path, name: str, text: str, **meta: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if meta:
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_store_rerun_adds_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_into(out, [SEED])
    before = (out / "graph.nt").read_bytes()
    _result, report = build_into(out, [SEED])
    assert report.unchanged == ["000_cc05b51f6919c262"] and not report.added
    assert (out / "graph.nt").read_bytes() == before


def test_store_adds_documents_and_replaces_changed_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    a = write(tmp_path / "in", "a", ONE, published="2026-03-10")
    build_into(out, [a])
    build_into(out, [write(tmp_path / "in2", "b", TWO, published="2026-03-10")])
    labels = {f["object"]["label"] for f in read_jsonl(out / "facts.jsonl")}
    assert any("lithium" in label for label in labels) and any("copper" in label for label in labels)
    write(tmp_path / "in", "a", ONE.replace("Chile", "Bolivia"), published="2026-03-10")
    _result, report = build_into(out, [a])
    assert report.replaced == ["a"]
    subjects = {f["subject"]["label"] for f in read_jsonl(out / "facts.jsonl")}
    assert "Bolivia" in subjects and "Chile" not in subjects and "Peru" in subjects


def test_store_an_addition_changes_only_the_lines_of_what_it_touches(tmp_path: Path) -> None:
    """The new document's own lines, its entities and facts, and the build's record of using it:
    no line of a fact it does not support changes (a diff of graph.nt shows the news)."""
    from kg.delta import changed_lines

    out = tmp_path / "out"
    build_into(out, [SEED, write(tmp_path / "in", "a", ONE, published="2026-03-10")])
    before = (out / "graph.nt").read_text(encoding="utf-8").splitlines()
    build_into(out, [write(tmp_path / "in", "b", TWO, published="2026-03-10")])
    after = (out / "graph.nt").read_text(encoding="utf-8").splitlines()
    changed = [line.split(" ", 1)[0] for line in changed_lines(before, after)]
    old_facts = {line.split(" ", 1)[0] for line in before if "/id/fact/" in line.split(" ", 1)[0]}
    assert changed and not old_facts & set(changed)  # the seed's and a's facts are as they were
    assert len(changed) < len(after) // 4, (len(changed), len(after))


def test_store_remove_equals_build_without_the_document(tmp_path: Path) -> None:
    a = write(tmp_path / "in", "a", ONE, published="2026-03-10")
    b = write(tmp_path / "in", "b", TWO, published="2026-03-10")
    build_into(tmp_path / "both", [a, b])
    remove(tmp_path / "both", "b")
    build_into(tmp_path / "only", [a])
    left = Graph().parse(tmp_path / "both" / "graph.ttl")
    right = Graph().parse(tmp_path / "only" / "graph.ttl")
    assert isomorphic(left, right)


def test_store_two_outlets_one_event_two_sources(tmp_path: Path) -> None:
    text = "Japan will host the Pacific Minerals Summit in Osaka. Vietnam was not invited to the Pacific Minerals Summit."
    first = write(tmp_path / "in", "wire", text, outlet="Wire One", published="2026-03-10")
    second = write(tmp_path / "in", "paper", text.replace("Vietnam was", "Hanoi was"), outlet="Paper Two",
                   published="2026-03-11")
    result, _report = build_into(tmp_path / "out", [first, second])
    events = [e for e in result.entities if e.type == "Event"]
    assert [e.label for e in events] == ["Pacific Minerals Summit"]
    fact = next(f for f in result.facts if f.predicate == "invitedTo")
    assert fact.polarity == "negative" and fact.sources == 2 and fact.documents == ("paper", "wire")
    row = next(f for f in read_jsonl(tmp_path / "out" / "facts.jsonl") if f["predicate"] == "invitedTo")
    assert row["sources"] == 2 and row["documents"] == 2


def test_store_kill_and_rerun_gives_the_same_graph(tmp_path: Path) -> None:
    inputs = sorted(str(p) for p in ARTICLES.glob("*.txt"))
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", *inputs, "--out", str(killed), "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((killed / "documents").glob("*.json"))) < 3:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = len(list((killed / "documents").glob("*.json")))
    assert 0 < stored < len(inputs), "the build was not killed mid-way"
    assert not list((killed / "documents").glob(".*.tmp")) or True  # a torn temporary file is ignored
    subprocess.run([sys.executable, "-m", "kg", "build", *inputs, "--out", str(killed), "-q"], check=True)
    subprocess.run([sys.executable, "-m", "kg", "build", *inputs, "--out", str(whole), "-q"], check=True)
    assert isomorphic(Graph().parse(killed / "graph.ttl"), Graph().parse(whole / "graph.ttl"))
    assert (killed / "graph.nt").read_bytes() == (whole / "graph.nt").read_bytes()


def test_store_python_api_build_with_out_is_incremental(tmp_path: Path) -> None:
    a = write(tmp_path / "in", "a", ONE, published="2026-03-10")
    kg.build([a], out=tmp_path / "out")
    b = write(tmp_path / "in2", "b", TWO, published="2026-03-10")
    result = kg.build([b], out=tmp_path / "out")
    assert {e.label for e in result.entities} >= {"Chile", "Peru"}
