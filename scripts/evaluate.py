#!/usr/bin/env python3
"""Build each article of a folder on its own, score it against its gold file, print the figures.

    python scripts/evaluate.py tests/articles [--min-entity-f1 0.85] [--min-relation-f1 0.70]
        [--max-polarity-errors 0] [--min-modality 0.90] [--scorer ../shared/eval/score.py] [--show]

An article is ``NAME.txt`` with ``NAME.gold.json`` (the scorer's format) and an optional
``NAME.meta.json``. Prints a per-article table and the macro averages of entity and relation
precision / recall / F1, the polarity errors (a gold relation built with the opposite polarity) and
the modality accuracy on matched relations; with ``--thresholds`` a table of fact-confidence
threshold → micro precision and recall. Exits 1 when a figure is below its threshold.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("geokg_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"evaluate: cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["geokg_score"] = module
    spec.loader.exec_module(module)
    return module


def polarity_errors(result: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    """Gold relations that the build has with the opposite polarity."""
    wanted = {(r["subject"], r["predicate"], r["object"]): r.get("polarity", "positive") for r in gold["relations"]}
    errors = []
    for false in result["false_relations"]:
        parts = false.split(" ")
        if len(parts) != 4:
            continue  # an entity that matched no gold entity cannot flip a gold relation
        s, p, o, polarity = parts
        if wanted.get((s, p, o)) not in (None, polarity) or (p == "metWith" and wanted.get((o, p, s)) not in (None, polarity)):
            errors.append(false)
    return errors


def filter_facts(out: Path, threshold: float, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    (target / "entities.jsonl").write_text((out / "entities.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    kept = [line for line in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line)["confidence"] >= threshold]
    (target / "facts.jsonl").write_text("".join(line + "\n" for line in kept), encoding="utf-8")


def evaluate(folder: Path, scorer: ModuleType, *, show: bool = False, thresholds: list[float] | None = None,
             model: str | None = None) -> dict[str, Any]:
    import kg
    from kg.ingest import read_article

    golds = sorted(folder.glob("*.gold.json"))
    if not golds:
        raise SystemExit(f"evaluate: no *.gold.json in {folder}")
    rows = []
    by_threshold: dict[float, list[int]] = {t: [0, 0, 0] for t in thresholds or []}
    with tempfile.TemporaryDirectory() as temporary:
        for gold_path in golds:
            name = gold_path.name[: -len(".gold.json")]
            article = folder / f"{name}.txt"
            out = Path(temporary) / name
            kg.build_articles([read_article(article)], out=out, model=model)
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            result = scorer.score(gold, out)
            result["polarity_errors"] = polarity_errors(result, gold)
            rows.append(result)
            if show:
                for key in ("missed_entities", "false_entities", "missed_relations", "false_relations", "polarity_errors"):
                    for item in result[key]:
                        print(f"  {name}: {key}: {item}")
            for threshold, counts in by_threshold.items():
                target = Path(temporary) / f"{name}@{threshold}"
                filter_facts(out, threshold, target)
                partial = scorer.score(gold, target)["relations"]
                counts[0] += partial["tp"]
                counts[1] += partial["fp"]
                counts[2] += partial["fn"]
    return {"rows": rows, "thresholds": by_threshold}


def macro(rows: list[dict[str, Any]], part: str, measure: str) -> float:
    return sum(r[part][measure] for r in rows) / len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    parser.add_argument("--min-entity-f1", type=float, default=0.0)
    parser.add_argument("--min-relation-f1", type=float, default=0.0)
    parser.add_argument("--max-polarity-errors", type=int, default=None)
    parser.add_argument("--min-modality", type=float, default=0.0)
    parser.add_argument("--thresholds", action="store_true", help="print confidence threshold → precision, recall")
    parser.add_argument("--model", default=None)
    parser.add_argument("--show", action="store_true", help="list misses and false positives")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.scorer.is_file():
        print(f"evaluate: no scorer at {args.scorer}; pass --scorer PATH", file=sys.stderr)
        return 2
    thresholds = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9] if args.thresholds else None
    report = evaluate(args.folder, load_scorer(args.scorer), show=args.show, thresholds=thresholds, model=args.model)
    rows = report["rows"]
    figures = {
        "articles": len(rows),
        "entity": {m: macro(rows, "entities", m) for m in ("precision", "recall", "f1")},
        "relation": {m: macro(rows, "relations", m) for m in ("precision", "recall", "f1")},
        "polarity_errors": sum(len(r["polarity_errors"]) for r in rows),
        "modality_accuracy": sum(r["modality_accuracy"] for r in rows) / len(rows),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{'article':40} {'ent P':>6} {'ent R':>6} {'ent F1':>6} {'rel P':>6} {'rel R':>6} {'rel F1':>6} {'pol':>4} {'mod':>5}")
        for r in rows:
            e, rel = r["entities"], r["relations"]
            print(f"{r['document'][:40]:40} {e['precision']:6.2f} {e['recall']:6.2f} {e['f1']:6.2f} "
                  f"{rel['precision']:6.2f} {rel['recall']:6.2f} {rel['f1']:6.2f} {len(r['polarity_errors']):4d} "
                  f"{r['modality_accuracy']:5.2f}")
        e, rel = figures["entity"], figures["relation"]
        print(f"{'MACRO':40} {e['precision']:6.2f} {e['recall']:6.2f} {e['f1']:6.2f} {rel['precision']:6.2f} "
              f"{rel['recall']:6.2f} {rel['f1']:6.2f} {figures['polarity_errors']:4d} {figures['modality_accuracy']:5.2f}")
        if thresholds:
            print("\nconfidence ≥   precision   recall   facts")
            for threshold, (tp, fp, fn) in report["thresholds"].items():
                p = tp / (tp + fp) if tp + fp else 0.0
                r_ = tp / (tp + fn) if tp + fn else 0.0
                print(f"{threshold:12.2f}   {p:9.2f}   {r_:6.2f}   {tp + fp:5d}")
    failed = []
    if figures["entity"]["f1"] < args.min_entity_f1:
        failed.append(f"entity F1 {figures['entity']['f1']:.2f} < {args.min_entity_f1}")
    if figures["relation"]["f1"] < args.min_relation_f1:
        failed.append(f"relation F1 {figures['relation']['f1']:.2f} < {args.min_relation_f1}")
    if args.max_polarity_errors is not None and figures["polarity_errors"] > args.max_polarity_errors:
        failed.append(f"polarity errors {figures['polarity_errors']} > {args.max_polarity_errors}")
    if figures["modality_accuracy"] < args.min_modality:
        failed.append(f"modality accuracy {figures['modality_accuracy']:.2f} < {args.min_modality}")
    for failure in failed:
        print(f"evaluate: below threshold: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
