#!/usr/bin/env python3
"""Median time of each query module (kg.queries) over a built directory.

    scripts/bench_queries.py DIR [--repeat 5] [--samples 5]

Loads ``DIR/graph.nt`` as ``kg.load`` does (into an in-memory Oxigraph store behind an rdflib
Graph; ``--store memory`` for rdflib's own store; the load time is printed but not counted), picks ``--samples`` arguments per module from the graph itself (the events, people,
countries, minerals, companies with the most facts first, so the figures are for the heavy cases),
runs each call ``--repeat`` times after one untimed warm-up (fewer when the calls of a module have
taken ``--budget`` seconds), and prints the median, the 90th percentile and the largest answer per
module. ``deals`` is asked by party (a company): asked by mineral it makes one query per deal of
that mineral. The issue's target is a median of at most 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _heaviest(graph: Any, kind: str, role: str, samples: int) -> list[str]:
    """Labels of the entities of type ``kind`` in the most facts as ``role`` (subject or object)."""
    from rdflib import RDF, RDFS

    from kg.rdf.namespace import GEOKG

    counts: Counter[Any] = Counter()
    for node in graph.subjects(RDF.type, GEOKG.Fact):
        counts[graph.value(node, GEOKG[role])] += 1
    wanted = set(graph.subjects(RDF.type, GEOKG[kind]))
    return [str(graph.value(n, RDFS.label)) for n, _c in counts.most_common() if n in wanted][:samples]


def cases(graph: Any, samples: int) -> dict[str, list[Callable[[], Any]]]:
    from kg import queries

    events = _heaviest(graph, "Event", "object", samples)
    people = _heaviest(graph, "Person", "subject", samples)
    countries = _heaviest(graph, "Country", "subject", samples)
    minerals = _heaviest(graph, "Mineral", "object", samples)
    companies = _heaviest(graph, "Organization", "subject", samples)
    return {
        "attendees": [lambda e=e: queries.attendees(graph, e) for e in events],
        "invitations": [lambda e=e: queries.invitations(graph, e, polarity="negative") for e in events],
        "hosts": [lambda e=e: queries.hosts(graph, e) for e in events],
        "positions": [lambda p=p: queries.positions(graph, person=p) for p in people],
        "deals": [lambda c=c: queries.deals(graph, party=c) for c in companies],
        "reserves": [lambda m=m: queries.reserves(graph, m) for m in minerals],
        "producers": [lambda m=m: queries.producers(graph, m) for m in minerals],
        "export_restrictions": [lambda m=m: queries.export_restrictions(graph, m) for m in minerals],
        "relations": [lambda c=c: queries.relations(graph, c) for c in people],
        "timeline": [lambda c=c: queries.timeline(graph, c) for c in people],
        "check_claim": [lambda c=c, e=e: queries.check_claim(graph, c, "invitedTo", e, negated=True)
                        for c, e in zip(countries, events)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per call (default 5)")
    parser.add_argument("--samples", type=int, default=5, help="arguments per query module (default 5)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds of timed calls per module (default 60)")
    parser.add_argument("--skip", nargs="*", default=[], metavar="MODULE", help="query modules not to time")
    parser.add_argument("--store", choices=["oxigraph", "memory"], default="oxigraph",
                        help="the graph's store, as in kg.load (default oxigraph)")
    args = parser.parse_args(argv)

    from rdflib import Graph

    from kg.rdf.build import bind_prefixes
    from kg.rdf.oxigraph import graph_from_ntriples

    source = args.dir / "graph.nt"
    if not source.is_file():
        parser.error(f"{args.dir}: no graph.nt here; run `kg build INPUT --out {args.dir}` first")
    started = time.perf_counter()
    if args.store == "oxigraph":
        graph = bind_prefixes(graph_from_ntriples(source))
    else:
        graph = bind_prefixes(Graph()).parse(source, format="nt")
    print(f"{args.dir}: {len(graph)} triples loaded into the {args.store} store "
          f"in {time.perf_counter() - started:.1f} s")
    worst = 0.0
    print(f"{'query module':22s} {'median ms':>9s} {'p90 ms':>8s} {'answers':>8s}")
    for name, calls in cases(graph, args.samples).items():
        if name in args.skip:
            print(f"{name:22s} {'skipped':>9s}")
            continue
        times: list[float] = []
        sizes = []
        for call in calls:
            sizes.append(len(getattr(call(), "supporting", None) or []) if name == "check_claim" else len(call()))
            for _ in range(args.repeat):
                if times and sum(times) > args.budget * 1000:
                    break
                begun = time.perf_counter()
                call()
                times.append((time.perf_counter() - begun) * 1000)
        if not times:
            print(f"{name:22s} {'(nothing to ask)':>9s}")
            continue
        median = statistics.median(times)
        worst = max(worst, median)
        p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
        print(f"{name:22s} {median:9.1f} {p90:8.1f} {max(sizes):8d}", flush=True)
    print(f"slowest median: {worst:.1f} ms (target ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
