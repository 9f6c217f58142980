"""kg push: the graph of a built directory into a SPARQL 1.1 Graph Store endpoint (Oxigraph here)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import main
from kg.push import PushError, push, target_url

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
IRI = "https://example.org/graphs/geokg-seed"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(OXIGRAPH).is_file():
        pytest.skip("the oxigraph CLI is not installed (make setup installs it)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    server = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def count(base: str, graph: str | None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"})
    request = urllib.request.Request(f"{base}/query?{query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def local_triples(directory: Path) -> int:
    return sum(1 for line in (directory / "graph.nt").read_text(encoding="utf-8").splitlines() if line.strip())


def test_push_named_graph_counts_back(store: str, seed_out: Path) -> None:
    report = push(seed_out, endpoint=f"{store}/store", graph=IRI)
    assert report.triples == local_triples(seed_out) > 0
    assert count(store, IRI) == report.triples
    push(seed_out, endpoint=f"{store}/store", graph=IRI)  # PUT replaces: nothing doubles
    assert count(store, IRI) == report.triples


def test_push_cli_default_graph_in_batches(store: str, seed_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["push", str(seed_out), "--endpoint", f"{store}/store", "--batch-lines", "100"]) == 0
    lines = local_triples(seed_out)
    assert f"pushed {lines} triples" in capsys.readouterr().err
    assert count(store, None) == local_triples(seed_out)


def test_push_errors_are_one_line(seed_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["push", str(seed_out), "--endpoint", f"http://127.0.0.1:{free_port()}/store"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("kg: error: cannot reach") and "is the store running?" in error and error.count("\n") == 1
    with pytest.raises(PushError, match="no graph.nt"):
        push(tmp_path, endpoint="http://127.0.0.1:1/store")
    with pytest.raises(PushError, match="not an http"):
        target_url("ftp://example.org/store", None)
    assert target_url("http://h:7200/r/rdf-graphs/service?x=1", "urn:g") == "http://h:7200/r/rdf-graphs/service?x=1&graph=urn%3Ag"
