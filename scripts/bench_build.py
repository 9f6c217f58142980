#!/usr/bin/env python3
"""How close is a geokg build to the speed of the spaCy pipeline it wraps?

    scripts/bench_build.py [--articles 1000] [--processes 1 2] [--batch-size 32] [--seed 0] [--keep DIR]

Makes a corpus with scripts/make_corpus.py (one JSON Lines file), then, in the same run and over
the same cleaned texts, times:

* bare spaCy: ``nlp.pipe`` of the very pipeline geokg runs (``kg.nlp.pipeline.make_nlp``), every
  Doc consumed and nothing else done;
* geokg: ``kg.api.build_into`` into a fresh temporary directory (read the inputs, run the
  pipeline, extract, store each document, resolve, build the RDF, validate it with SHACL, write
  every export);

with 1 and with 2 processes. Each measurement runs in its own Python process, after the model is
loaded there, so its peak memory (``ru_maxrss`` of the process and of its spaCy workers) is its
own. Prints articles/s, the ratio geokg / bare for each process count, the 2-process speed-up and
peak memory; ``--json`` prints the figures as JSON too. With ``--scale`` only the geokg build at
the first process count is run (for 10,000-article scale runs), with ``--keep DIR`` the built
directory is kept for ``scripts/bench_queries.py``; ``--add ARTICLE --keep DIR`` times adding one
article to that built directory (the model loaded first, as above).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _peak_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its (largest) waited-for child, in MiB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _phase(kind: str, corpus: Path, processes: int, batch_size: int, out: Path | None,
           validate: bool = True) -> dict[str, float]:
    """One measurement, run in a fresh process: load the model first, then time the work."""
    from kg.ingest import read_articles
    from kg.nlp.pipeline import make_nlp

    articles = read_articles([corpus])
    nlp = make_nlp(None)
    list(nlp.pipe(["Warm-up: Chile signed a deal."]))  # lazily built tables are not timed
    if kind == "add":  # one article added to the built directory ``out``, as a user adds today's news
        from kg.api import build_into

        assert out is not None
        started = time.perf_counter()
        _result, report = build_into(out, [corpus], processes=processes, batch_size=batch_size, validate=validate)
        seconds = time.perf_counter() - started
        own, children = _peak_mib()
        return {"articles": len(report.added) + len(report.replaced), "seconds": seconds, "peak_mib": own,
                "peak_children_mib": children, "stages": report.timings}  # type: ignore[dict-item]
    started = time.perf_counter()
    if kind == "bare":
        count = 0
        for _doc in nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=processes):
            count += 1
    else:
        from kg.api import build_into

        target = out or Path(tempfile.mkdtemp(prefix="geokg-bench-"))
        result, report = build_into(target, [corpus], fresh=True, processes=processes, batch_size=batch_size,
                                    validate=validate)
        if report.problems:
            raise SystemExit(f"bench: {len(report.problems)} inputs failed: {report.problems[0].message}")
        count = len(report.added) + len(report.replaced)
        stages = report.timings
    seconds = time.perf_counter() - started
    own, children = _peak_mib()
    figures = {"articles": count, "seconds": seconds, "per_second": count / seconds,
               "peak_mib": own, "peak_children_mib": children}
    if kind != "bare":
        with (target / "graph.nt").open(encoding="utf-8") as lines:
            triples = sum(1 for _line in lines)
        figures.update(entities=len(result.entities), facts=len(result.facts), triples=triples,
                       stages=stages)  # type: ignore[arg-type]
    return figures


def _run_phase(kind: str, corpus: Path, processes: int, batch_size: int, out: Path | None,
               validate: bool = True) -> dict[str, float]:
    command = [sys.executable, __file__, "--phase", kind, "--corpus", str(corpus), "--processes", str(processes),
               "--batch-size", str(batch_size)]
    if not validate:
        command.append("--no-validate")
    if out is not None:
        command += ["--keep", str(out)]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts (default: 1 2)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", action="store_true", help="only the geokg build at the first process count")
    parser.add_argument("--keep", type=Path, help="build into this directory and keep it")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    parser.add_argument("--no-validate", action="store_true", help="build without the SHACL check (to see its cost)")
    parser.add_argument("--add", type=Path, metavar="ARTICLE",
                        help="only time adding ARTICLE to the directory --keep names (built before)")
    parser.add_argument("--phase", choices=["bare", "geokg", "add"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:  # a child process: one measurement, printed as JSON
        print(json.dumps(_phase(args.phase, args.corpus, args.processes[0], args.batch_size, args.keep,
                                not args.no_validate)))
        return 0

    if args.add:
        if args.keep is None or not (args.keep / "graph.nt").is_file():
            parser.error("--add needs --keep DIR naming a built directory")
        row = _run_phase("add", args.add, args.processes[0], args.batch_size, args.keep, not args.no_validate)
        print(f"machine: {machine()}")
        print(f"added {args.add} to {args.keep} with {args.processes[0]} process(es): {row['seconds']:.1f} s; "
              f"peak memory {row['peak_mib']:.0f} MiB")
        print("      stages: " + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in row["stages"].items()))
        return 0

    from make_corpus import make_corpus, write_jsonl

    with tempfile.TemporaryDirectory(prefix="geokg-corpus-") as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write_jsonl(make_corpus(args.articles, seed=args.seed), corpus)
        print(f"machine: {machine()}")
        print(f"corpus: {args.articles} generated articles (seed {args.seed}), "
              f"{corpus.stat().st_size / 2**20:.1f} MiB; batch size {args.batch_size}"
              + ("; geokg without the SHACL check" if args.no_validate else ""))
        figures: dict[str, dict[str, float]] = {}
        kinds = ["geokg"] if args.scale else ["bare", "geokg"]
        for processes in args.processes[:1] if args.scale else args.processes:
            for kind in kinds:
                name = f"{kind}_{processes}"
                figures[name] = row = _run_phase(kind, corpus, processes, args.batch_size, args.keep,
                                                 not args.no_validate)
                extra = (f"; {row['entities']} entities, {row['facts']} facts, {row['triples']} triples"
                         if kind == "geokg" else "")
                print(f"{kind:>5} × {processes} process{'es' if processes > 1 else '  '}: "
                      f"{row['per_second']:7.1f} articles/s ({row['seconds']:.1f} s); peak memory "
                      f"{row['peak_mib']:.0f} MiB (+ largest worker {row['peak_children_mib']:.0f} MiB){extra}",
                      flush=True)
                if kind == "geokg":
                    print("      stages: " + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in row["stages"].items()))
        if not args.scale:
            for processes in args.processes:
                ratio = figures[f"geokg_{processes}"]["per_second"] / figures[f"bare_{processes}"]["per_second"]
                figures.setdefault("ratio", {})[str(processes)] = ratio
                print(f"ratio geokg / bare spaCy at {processes} process{'es' if processes > 1 else ''}: {ratio:.2f}")
            if len(args.processes) > 1:
                low, high = args.processes[0], args.processes[-1]
                for kind in kinds:
                    speedup = figures[f"{kind}_{high}"]["per_second"] / figures[f"{kind}_{low}"]["per_second"]
                    figures.setdefault("speedup", {})[kind] = speedup
                    print(f"{kind} speed-up {high} vs {low} processes: {speedup:.2f}×")
        if args.json:
            print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
