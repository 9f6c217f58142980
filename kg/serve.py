"""SPARQL 1.1 Protocol over HTTP: Oxigraph's read-only server behind a small guard.

``kg serve DIR`` loads ``DIR/graph.nt`` into an Oxigraph store beside it (``DIR/.oxigraph``,
rebuilt when the graph changes) and runs ``oxigraph serve-read-only`` on a private loopback port.
In front of it, on the public address (127.0.0.1 unless told otherwise), a guard checks each
request before Oxigraph sees it and each result before the client does:

- only ``/query`` (GET ``?query=``, POST form, POST ``application/sparql-query``); anything else 404;
- a request body or query string over ``max_request`` bytes: 413;
- a query that does not parse: 400 with the parser's message;
- SPARQL Update, ``LOAD`` and ``SERVICE`` (Oxigraph would fetch a SERVICE from any URL): 403;
- a query running over ``timeout`` seconds is stopped by Oxigraph (its ``--timeout-s``): 503;
- a result over ``max_rows`` rows: 413 with a hint to add ``LIMIT``.

Everything else (content negotiation: SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples and JSON-LD for
CONSTRUCT/DESCRIBE) is Oxigraph's.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import StoreError

__all__ = ["oxigraph_binary", "prepare_store", "Guard", "Upstream", "serve"]

MAX_REQUEST = 64 * 1024
MAX_ROWS = 10_000


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
    """Load ``DIR/graph.nt`` into ``DIR/.oxigraph`` unless the store is already up to date (the
    store :func:`kg.load` opens too; :func:`kg.rdf.oxigraph.disk_store`)."""
    from kg.rdf.oxigraph import disk_store

    return disk_store(directory)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _refusal(query: str) -> tuple[int, str] | None:
    """(status, message) when the guard refuses ``query``, else None."""
    from kg.sparql import QueryError, check_query

    try:
        check_query(query)
    except QueryError as error:
        message = str(error)
        return (400 if message.startswith("malformed") else 403), message
    return None


def _rows(content_type: str, body: bytes) -> int:
    kind = content_type.split(";")[0].strip()
    if kind == "application/sparql-results+json":
        return len(json.loads(body).get("results", {}).get("bindings", []))
    if kind in {"text/csv", "text/tab-separated-values"}:
        return max(body.count(b"\n") - 1, 0)
    if kind == "application/sparql-results+xml":
        return body.count(b"<result>")
    return 0


class Guard(BaseHTTPRequestHandler):
    """The handler of the public port; ``server`` carries ``upstream``, ``max_request``,
    ``max_rows`` and ``timeout``."""

    server_version = "geokg-guard"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _send(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            return self._send(404, "the SPARQL endpoint is /query (read-only)")
        if len(url.query) > self.server.max_request:  # type: ignore[attr-defined]
            return self._send(413, f"query longer than {self.server.max_request} bytes")  # type: ignore[attr-defined]
        query = urllib.parse.parse_qs(url.query).get("query", [""])[0]
        self._forward(query, "GET", None, None, url.query)

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            return self._send(403 if url.path == "/update" else 404, "read-only: updates are not allowed")
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.server.max_request:  # type: ignore[attr-defined]
            return self._send(413, f"request body longer than {self.server.max_request} bytes")  # type: ignore[attr-defined]
        body = self.rfile.read(length)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if content_type == "application/sparql-query":
            query = body.decode("utf-8", errors="replace")
        elif content_type == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", errors="replace"))
            if "update" in form:
                return self._send(403, "read-only: updates are not allowed")
            query = form.get("query", [""])[0]
        else:
            return self._send(415, "POST application/sparql-query or an application/x-www-form-urlencoded form")
        self._forward(query, "POST", body, content_type, "")

    def _forward(self, query: str, method: str, body: bytes | None, content_type: str | None, query_string: str) -> None:
        if not query.strip():
            return self._send(400, "no query: give ?query=…")
        refusal = _refusal(query)
        if refusal is not None:
            return self._send(*refusal)
        upstream = self.server.upstream.url + (f"?{query_string}" if query_string else "")  # type: ignore[attr-defined]
        headers = {"Accept": self.headers.get("Accept") or "application/sparql-results+json"}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(upstream, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.server.timeout + 5) as response:  # type: ignore[attr-defined]
                status, kind, payload = response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            status, kind, payload = error.code, error.headers.get("Content-Type", "text/plain"), error.read()
        except (TimeoutError, urllib.error.URLError):
            self.server.upstream.restart()  # type: ignore[attr-defined]
            return self._send(503, f"the query ran longer than {self.server.timeout} s and was stopped")  # type: ignore[attr-defined]
        if status >= 500 and b"timeout" in payload.lower():
            self.server.upstream.restart()  # type: ignore[attr-defined]
            return self._send(503, f"the query ran longer than {self.server.timeout} s and was stopped")  # type: ignore[attr-defined]
        if status == 200 and _rows(kind, payload) > self.server.max_rows:  # type: ignore[attr-defined]
            return self._send(413, f"the result has more than {self.server.max_rows} rows; add LIMIT")  # type: ignore[attr-defined]
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: have the kernel kill Oxigraph if this process dies, however it dies."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Upstream:
    """The private Oxigraph process; restarted when a query outlives the timeout, because
    Oxigraph answers the timeout but may go on computing."""

    def __init__(self, store: Path, timeout: int) -> None:
        self.store, self.timeout = store, timeout
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.start()

    def start(self) -> None:
        port = _free_port()
        # The kernel's parent-death signal follows the thread that started the child: only the
        # main thread, which lives as long as the server, may ask for it.
        in_main = threading.current_thread() is threading.main_thread()
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve-read-only", "--location", str(self.store), "--bind", f"127.0.0.1:{port}",
             "--timeout-s", str(self.timeout)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent if in_main else None)
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise StoreError(f"oxigraph did not start on {self.store}; run it by hand to see why") from None
                time.sleep(0.1)
        self.url = f"http://127.0.0.1:{port}/query"

    def restart(self) -> None:
        with self.lock:
            self.stop()
            self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def serve(directory: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: int = 10,
          max_rows: int = MAX_ROWS, max_request: int = MAX_REQUEST) -> None:
    """Serve ``directory`` read-only until interrupted (Ctrl-C or SIGTERM)."""
    store = prepare_store(directory)
    upstream = Upstream(store, timeout)

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server = ThreadingHTTPServer((host, port), Guard)
        server.daemon_threads = True
        server.upstream = upstream  # type: ignore[attr-defined]
        server.timeout = timeout  # type: ignore[assignment]
        server.max_rows = max_rows  # type: ignore[attr-defined]
        server.max_request = max_request  # type: ignore[attr-defined]
        print(f"serving {directory} read-only at http://{host}:{port}/query (Ctrl-C stops)", file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        upstream.stop()
