"""The development set under tests/articles: articles written for the tests with hand-made gold.

Each article is built on its own and scored by ../shared/eval/score.py through
scripts/evaluate.py; the macro figures must stay above the bar of issue 3.
"""

import sys
from pathlib import Path

import pytest

from conftest import ARTICLES, ROOT, SHARED

sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def report():
    import evaluate

    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip(f"the scorer {scorer} is not beside this checkout")
    return evaluate.evaluate(ARTICLES, evaluate.load_scorer(scorer), thresholds=[0.0, 0.7])


def test_dev_articles_there_are_enough_with_gold() -> None:
    golds = sorted(ARTICLES.glob("*.gold.json"))
    assert len(golds) >= 6
    assert all((ARTICLES / (g.name[: -len(".gold.json")] + ".txt")).is_file() for g in golds)


def test_dev_articles_macro_scores(report) -> None:
    rows = report["rows"]
    entity_f1 = sum(r["entities"]["f1"] for r in rows) / len(rows)
    relation_f1 = sum(r["relations"]["f1"] for r in rows) / len(rows)
    modality = sum(r["modality_accuracy"] for r in rows) / len(rows)
    assert entity_f1 >= 0.93, entity_f1
    assert relation_f1 >= 0.84, relation_f1
    assert modality >= 0.90, modality


def test_dev_articles_no_polarity_error(report) -> None:
    errors = [e for r in report["rows"] for e in r["polarity_errors"]]
    assert errors == []


def test_dev_articles_every_article_generalises(report) -> None:
    for row in report["rows"]:
        assert row["entities"]["f1"] >= 0.6, row["document"]
        assert row["relations"]["f1"] >= 0.4, row["document"]


def test_dev_articles_precision_rises_with_confidence(report) -> None:
    (tp0, fp0, _), (tp7, fp7, _) = report["thresholds"][0.0], report["thresholds"][0.7]
    assert tp7 / (tp7 + fp7) >= tp0 / (tp0 + fp0)


@pytest.mark.parametrize(("folder", "entity_floor", "relation_floor"), [
    ("holdout", 0.89, 0.66), ("fresh", 0.93, 0.76), ("fresh2", 0.93, 0.73), ("fresh3", 0.92, 0.79),
    ("fresh4", 0.93, 0.84), ("fresh5", 0.94, 0.87), ("fresh6", 0.92, 0.84), ("fresh7", 0.93, 0.90),
    ("fresh8", 0.93, 0.92), ("fresh9", 0.91, 0.82), ("fresh10", 0.93, 0.78), ("fresh11", 0.88, 0.69)])
def test_other_voices_no_polarity_error_and_a_floor(folder: str, entity_floor: float, relation_floor: float) -> None:
    """tests/holdout, tests/fresh, tests/fresh2 … tests/fresh11: articles in other outlets' voices, each
    measured before any rule saw them (docs/quality.md gives those first figures); a regression floor
    about 0.03 under today's figures, and never a flipped polarity. tests/fresh12 has no floor: it is
    kept blind."""
    import evaluate

    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip(f"the scorer {scorer} is not beside this checkout")
    rows = evaluate.evaluate(ARTICLES.parent / folder, evaluate.load_scorer(scorer))["rows"]
    assert len(rows) >= 6  # fresh7 holds six, the others eight
    assert [e for r in rows for e in r["polarity_errors"]] == []
    assert sum(r["entities"]["f1"] for r in rows) / len(rows) >= entity_floor
    assert sum(r["relations"]["f1"] for r in rows) / len(rows) >= relation_floor
