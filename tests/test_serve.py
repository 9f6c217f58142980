"""kg serve: Oxigraph's read-only SPARQL 1.1 Protocol server over the seed's build."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(seed_out: Path):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(seed_out), "--port", str(port),
                                "--timeout", "2", "--max-rows", "200", "--max-request", "4096"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"kg serve exited: {process.stderr.read().decode()}")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def http(url: str, *, query: str, method: str = "GET", accept: str = "application/sparql-results+json",
         content_type: str | None = None) -> tuple[int, str, str]:
    if method == "GET":
        request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})
    elif content_type == "application/sparql-query":
        request = urllib.request.Request(url, data=query.encode(), method="POST",
                                         headers={"Accept": accept, "Content-Type": content_type})
    else:
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(), method="POST",
                                         headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


NOT_INVITED = """
PREFIX geokg: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?who WHERE { ?f geokg:predicate geokg:invitedTo ; geokg:polarity geokg:Negative ; geokg:subject/rdfs:label ?who }
"""


def test_serve_sparqlwrapper_json_and_csv(endpoint: str) -> None:
    from SPARQLWrapper import CSV, JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(NOT_INVITED)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["who"]["value"] for r in rows] == ["Pakistan"]
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().split() == ["who", "Pakistan"]


@pytest.mark.parametrize(("method", "content_type"), [("GET", None), ("POST", "form"), ("POST", "application/sparql-query")])
@pytest.mark.parametrize(("accept", "marker"), [("application/sparql-results+json", '"bindings"'),
                                                ("application/sparql-results+xml", "<sparql"),
                                                ("text/csv", "who\r\nPakistan"),
                                                ("text/tab-separated-values", '?who\n"Pakistan"')])
def test_serve_protocol_methods_and_formats(endpoint, method, content_type, accept, marker) -> None:
    status, _type, body = http(endpoint, query=NOT_INVITED, method=method, accept=accept, content_type=content_type)
    assert status == 200 and marker in body


def test_serve_construct_as_turtle(endpoint: str) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/geokg/ontology#Country> ; ?p ?o }"
    status, content_type, body = http(endpoint, query=query, accept="text/turtle")
    assert status == 200 and content_type.startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert len(graph) > 10


def test_serve_bad_query_400_and_update_refused(endpoint: str) -> None:
    status, _type, body = http(endpoint, query="SELECT WHERE {")
    assert status == 400 and body
    request = urllib.request.Request(endpoint.replace("/query", "/update"), data=b"INSERT DATA { <a:b> <a:c> <a:d> }",
                                     method="POST", headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert_unchanged(endpoint)


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def assert_unchanged(endpoint: str) -> None:
    _status, _type, body = http(endpoint, query="SELECT (COUNT(*) AS ?n) WHERE { <a:b> ?p ?o }", accept="text/csv")
    assert body.split() == ["n", "0"]


@pytest.mark.parametrize(("query", "status", "message"), [
    ("INSERT DATA { <a:b> <a:c> <a:d> }", 403, "updates"),
    ("LOAD <http://127.0.0.1:9/data.ttl>", 403, "updates"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403, "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o . FILTER(?s = <" + "x" * 5000 + ">) }", 413, "longer than"),
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_refuses_update_load_service_and_long_queries(endpoint, query, status, message, method) -> None:
    got, _type, body = http(endpoint, query=query, method=method,
                            content_type="application/sparql-query" if method == "POST" else None)
    assert got == status and message in body
    assert_unchanged(endpoint)


def test_serve_caps_result_rows(endpoint: str) -> None:
    status, _type, body = http(endpoint, query="SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and "add LIMIT" in body
    status, _type, body = http(endpoint, query="SELECT * WHERE { ?s ?p ?o } LIMIT 5", accept="text/csv")
    assert status == 200 and len(body.strip().splitlines()) == 6


def test_serve_stops_a_slow_query(endpoint: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    started = time.monotonic()
    status, _type, body = http(endpoint, query=slow)
    assert status == 503 and "longer than 2 s" in body
    assert time.monotonic() - started < 15
    status, _type, body = http(endpoint, query=COUNT, accept="text/csv")  # the server still answers
    assert status == 200 and int(body.split()[1]) > 100


def test_serve_leaves_no_oxigraph_behind(seed_out: Path) -> None:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(seed_out), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert children, "kg serve runs oxigraph as its child"
    process.terminate()
    process.wait(timeout=15)
    time.sleep(0.5)
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists()
             and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]
    assert alive == []
