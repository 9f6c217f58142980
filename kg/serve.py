"""SPARQL 1.1 Protocol over HTTP: Oxigraph's read-only server over a built directory.

``kg serve DIR`` loads ``DIR/graph.nt`` into an Oxigraph store beside it (``DIR/.oxigraph``,
rebuilt when the graph changes) and runs ``oxigraph serve-read-only`` on it: GET ``?query=``,
POST form and POST ``application/sparql-query`` at ``/query``; results as SPARQL JSON, XML, CSV
and TSV by the Accept header; CONSTRUCT/DESCRIBE as Turtle, N-Triples or JSON-LD; a malformed
query gets 400; updates are refused (the store is opened read-only).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import StoreError

__all__ = ["oxigraph_binary", "prepare_store", "serve_command"]


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed beside this Python (the ``oxigraph`` package), else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the oxigraph server is not installed: run `make setup` (it installs the oxigraph package)")
    return found


def prepare_store(directory: str | Path) -> Path:
    """Load ``DIR/graph.nt`` into ``DIR/.oxigraph`` unless the store is already up to date."""
    directory = Path(directory)
    source = directory / "graph.nt"
    if not source.is_file():
        raise StoreError(f"{directory}: no graph.nt here; run `kg build INPUT --out {directory}` first")
    store = directory / ".oxigraph"
    stamp = store / ".geokg-source"
    signature = f"{source.stat().st_mtime_ns}:{source.stat().st_size}"
    if stamp.is_file() and stamp.read_text() == signature:
        return store
    shutil.rmtree(store, ignore_errors=True)
    done = subprocess.run([oxigraph_binary(), "load", "--location", str(store), "--file", str(source)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise StoreError(f"{source}: oxigraph could not load it: {done.stderr.strip()}")
    stamp.write_text(signature)
    return store


def serve_command(directory: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: int = 10) -> list[str]:
    """The command line that serves ``directory`` read-only."""
    store = prepare_store(directory)
    return [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}",
            "--timeout-s", str(timeout)]


def serve(directory: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: int = 10) -> None:
    """Replace this process with the server (it runs until interrupted)."""
    command = serve_command(directory, host=host, port=port, timeout=timeout)
    print(f"serving {directory} read-only at http://{host}:{port}/query (Ctrl-C stops)", file=sys.stderr, flush=True)
    os.execv(command[0], command)
