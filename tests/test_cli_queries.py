"""kg query / ask / path / stats on the seed's build."""

import json
import subprocess
import sys
from pathlib import Path


def kg_cli(*args: str) -> subprocess.CompletedProcess:
    """Run `kg ARGS` in this process and capture what it prints (`--help` exits through SystemExit)."""
    import contextlib
    import io

    from kg.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:
            code = int(stop.code or 0)
    return subprocess.CompletedProcess(["kg", *args], code, out.getvalue(), err.getvalue())


def test_cli_ask_attendees(seed_out: Path) -> None:
    done = kg_cli("ask", str(seed_out), "attendees", "Global Minerals Conference")
    assert done.returncode == 0
    assert "S Jaishankar —attends→ Global Minerals Conference [planned" in done.stdout
    assert "India —attends→ Global Minerals Conference [planned" in done.stdout


def test_cli_ask_not_invited_positions_deals(seed_out: Path) -> None:
    invited = kg_cli("ask", str(seed_out), "invited", "--negative", "Global Minerals Conference").stdout
    assert invited.startswith("Pakistan —invitedTo (NOT)→")
    positions = kg_cli("ask", str(seed_out), "positions", "Pakistan").stdout
    assert "Shehbaz Sharif —holdsPosition→ Pakistan" in positions and "role=Prime Minister" in positions
    assert "Asim Munir —holdsPosition→ Pakistan" in positions and "role=Army Chief" in positions
    deals = kg_cli("ask", str(seed_out), "deals", "US Strategic Metals").stdout
    assert "worth 500,000,000 USD" in deals and "Pakistan" in deals


def test_cli_ask_json_and_help(seed_out: Path) -> None:
    data = json.loads(kg_cli("ask", str(seed_out), "attendees", "Global Minerals Conference", "--format", "json").stdout)
    assert {row["subject_label"] for row in data} == {"India", "S Jaishankar"}
    helped = kg_cli("ask", str(seed_out), "deals", "--help")
    assert helped.returncode == 0 and "--mineral" in helped.stdout


def test_cli_path_prints_chain_with_evidence(seed_out: Path) -> None:
    done = kg_cli("path", str(seed_out), "Pakistan", "India")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1. Pakistan") and any(line.strip().startswith("“") for line in lines)
    missing = kg_cli("path", str(seed_out), "Pakistan", "Atlantis")
    assert missing.returncode == 1 and "no entity named 'Atlantis'" in missing.stderr


def test_cli_query_formats(seed_out: Path, tmp_path: Path) -> None:
    text = "SELECT ?label WHERE { ?c a geokg:Country ; rdfs:label ?label } ORDER BY ?label"
    csv_out = kg_cli("query", str(seed_out), text, "--format", "csv").stdout.splitlines()
    assert csv_out == ["label", "China", "India", "Pakistan", "United States"]
    rows = json.loads(kg_cli("query", str(seed_out), text, "--format", "json").stdout)["results"]["bindings"]
    assert len(rows) == 4
    (tmp_path / "q.rq").write_text(text, encoding="utf-8")
    assert "(4 rows)" in kg_cli("query", str(seed_out), "--file", str(tmp_path / "q.rq")).stdout


def test_cli_query_refuses_updates_and_service(seed_out: Path) -> None:
    for text in ("INSERT DATA { <a:b> <a:c> <a:d> }", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                 "SELECT WHERE {"):
        done = kg_cli("query", str(seed_out), text)
        assert done.returncode == 1 and done.stderr.startswith("kg: error:"), text


def test_cli_stats(seed_out: Path) -> None:
    out = kg_cli("stats", str(seed_out)).stdout
    assert out.startswith("1 documents, 14 entities")
    assert "invitedTo 1" in out and "central actors: Pakistan" in out


def test_cli_output_into_a_closed_pipe_ends_quietly(seed_out: Path) -> None:
    """`kg show DIR | head`: when the reader has gone, kg stops with the SIGPIPE status, no traceback."""
    process = subprocess.Popen([sys.executable, "-m", "kg", "show", str(seed_out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()  # gone before kg writes its first line
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 141
    assert b"Traceback" not in err
