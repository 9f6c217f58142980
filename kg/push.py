"""Bulk-load a built directory's graph into a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

``DIR/graph.nt`` (sorted N-Triples) is sent as it is, streamed from disk, with ``PUT`` (replace the
graph) or ``POST`` (add to it) to ``ENDPOINT?graph=IRI`` or ``ENDPOINT?default``. Endpoints:

* Oxigraph (``oxigraph serve``): ``http://HOST:7878/store``
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/data`` (or ``/DATASET`` on recent versions)
* GraphDB: ``http://HOST:7200/repositories/REPOSITORY/rdf-graphs/service``

Large graphs can be sent in several requests of ``batch_lines`` lines each (the first one ``PUT``
when replacing, the others ``POST``); our graphs have no blank nodes, so lines split safely.
"""

from __future__ import annotations

import base64
import io
import itertools
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

__all__ = ["PushError", "PushReport", "push", "target_url"]

HINT = ("Oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data; "
        "GraphDB: http://HOST:7200/repositories/REPO/rdf-graphs/service")


class PushError(KGError, ConnectionError):
    """The graph could not be sent to the store."""


@dataclass(frozen=True)
class PushReport:
    """What was sent: triples, requests and the URL."""

    triples: int
    requests: int
    url: str


def target_url(endpoint: str, graph: str | None) -> str:
    """``ENDPOINT?graph=IRI`` (or ``?default``), keeping any query string the endpoint has."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise PushError(f"--endpoint {endpoint!r} is not an http(s) URL; give the store's Graph Store endpoint ({HINT})")
    extra = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _send(url: str, method: str, body: bytes | io.BufferedReader, length: int, *, user: str | None,
          timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method=method)  # type: ignore[arg-type]
    request.add_header("Content-Type", "application/n-triples")
    request.add_header("Content-Length", str(length))
    if user:
        request.add_header("Authorization", "Basic " + base64.b64encode(user.encode("utf-8")).decode("ascii"))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user's endpoint
            response.read()
    except urllib.error.HTTPError as error:
        said = " ".join(error.read(300).decode("utf-8", "replace").split())
        raise PushError(f"{method} {url}: HTTP {error.code} {error.reason}" + (f" ({said})" if said else "")
                        + f"; check --endpoint and --user ({HINT})") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PushError(f"cannot reach {url} ({reason}); is the store running? ({HINT})") from None


def push(directory: str | Path, *, endpoint: str, graph: str | None = None, replace: bool = True,
         batch_lines: int = 0, user: str | None = None, timeout: float = 300.0) -> PushReport:
    """Send ``directory``'s ``graph.nt`` to the Graph Store endpoint; ``replace`` puts it in place
    of what the target graph held, otherwise it is added."""
    source = Path(directory) / "graph.nt"
    if not source.is_file():
        raise PushError(f"{directory}: no graph.nt here; run `kg build INPUT --out {directory}` first")
    url = target_url(endpoint, graph)
    if batch_lines <= 0:
        triples = sum(1 for line in source.open("rb") if line.strip())
        with source.open("rb") as stream:
            _send(url, "PUT" if replace else "POST", stream, source.stat().st_size, user=user, timeout=timeout)
        return PushReport(triples=triples, requests=1, url=url)
    triples = requests = 0
    with source.open("rb") as stream:
        lines = (line for line in stream if line.strip())
        while batch := list(itertools.islice(lines, batch_lines)):
            method = "PUT" if replace and requests == 0 else "POST"
            body = b"".join(batch)
            _send(url, method, body, len(body), user=user, timeout=timeout)
            triples += len(batch)
            requests += 1
    if requests == 0 and replace:  # an empty graph still replaces the target
        _send(url, "PUT", b"", 0, user=user, timeout=timeout)
        requests = 1
    return PushReport(triples=triples, requests=requests, url=url)
