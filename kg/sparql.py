"""Read-only SPARQL in process: parse, refuse what could change data or reach out, then run.

rdflib's evaluator follows ``SERVICE`` to remote URLs, so queries that use it are refused here,
as are updates and ``LOAD``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pyparsing import ParseResults
from rdflib import Graph
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result

from kg.errors import KGError
from kg.rdf.namespace import GEOKG

__all__ = ["QueryError", "run_query", "format_result"]


class QueryError(KGError, ValueError):
    """A SPARQL query that is malformed or not allowed."""


def _walk(node: Any) -> Any:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for item in node:
            yield from _walk(item)


def check_query(text: str) -> None:
    """Raise :class:`QueryError` for a malformed query, an update, LOAD or SERVICE."""
    try:
        parsed = parseQuery(text)
    except Exception as error:  # pyparsing raises its own exception types
        lowered = text.lower()
        if any(word in lowered for word in ("insert", "delete", "load", "clear", "drop", "create")):
            raise QueryError("updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE) are not allowed: the graph is read-only") from None
        raise QueryError(f"malformed SPARQL: {error}") from None
    for node in _walk(parsed):
        if node.name == "ServiceGraphPattern":
            raise QueryError("SERVICE is not allowed: queries may not reach other endpoints")


def run_query(graph: Graph, text: str) -> Result:
    """Run a read-only SPARQL query over ``graph`` (prefix ``geokg:`` predefined)."""
    check_query(text)
    try:
        return graph.query(text, initNs={"geokg": str(GEOKG)})
    except Exception as error:
        raise QueryError(f"query failed: {error}") from None


def format_result(result: Result, fmt: str = "table") -> str:
    """``table`` (aligned text), ``json`` (SPARQL results JSON) or ``csv``; graphs as Turtle."""
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        assert result.graph is not None
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) if fmt == "json" else str(bool(result.askAnswer)).lower()
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    names = [str(v) for v in result.vars or []]
    rows = [["" if value is None else str(value) for value in row] for row in result]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buffer.getvalue()
    widths = [min(max([len(n)] + [len(r[i]) for r in rows]), 60) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)
