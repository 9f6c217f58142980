"""kg report: the Markdown report of the seed's build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main
from kg.report import render_report


@pytest.fixture(scope="module")
def report(seed_kg: Any) -> str:
    return render_report(seed_kg)


def section(report: str, title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", report, re.S | re.M)
    assert match, f"no section {title!r}"
    return match.group(1)


def test_report_counts(report: str, seed_kg: Any) -> None:
    counts = section(report, "Counts")
    assert f"{len(seed_kg.entities)} entities, {len(seed_kg.facts)} facts (1 negative)." in counts
    assert "| Country | 4 |" in counts
    assert "| invitedTo | 1 | 0 | 1 |" in counts


def test_report_central_actors_start_with_pakistan(report: str) -> None:
    rows = [line for line in section(report, "Most central actors").splitlines() if line.startswith("| 1 |")]
    assert rows and "Pakistan" in rows[0]


def test_report_deal_with_value_and_parties(report: str) -> None:
    deals = section(report, "Deals")
    row = next(line for line in deals.splitlines() if "500 million deal" in line)
    assert "500,000,000 USD" in row and "Pakistan, US Strategic Metals" in row
    assert "\\$500 million deal" in row  # a dollar sign never starts Markdown maths


def test_report_events_say_who_attends_and_who_is_not_invited(report: str) -> None:
    events = section(report, "Events")
    assert "### Global Minerals Conference (2026-02-04, Washington)" in events
    assert "- **hosts**: United States" in events
    assert "- **attends**: India (planned), S Jaishankar (planned)" in events
    assert "- **not invited**: Pakistan" in events
    assert "The United States has not invited Pakistan" in events


def test_report_timeline_in_date_order(report: str) -> None:
    dates = re.findall(r"^\| (\d{4}(?:-\d\d){0,2}) \|", section(report, "Timeline"), re.M)
    assert dates == sorted(dates) and dates[0] == "2025" and "2026-02-04" in dates
    assert "Pakistan —invitedTo (NOT)→ Global Minerals Conference" in section(report, "Timeline")


def test_cli_report(seed_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    built = tmp_path / "built"
    shutil.copytree(seed_out, built)
    assert main(["report", str(built)]) == 0
    assert capsys.readouterr().out.strip() == str(built / "report.md")
    assert (built / "report.md").read_text(encoding="utf-8").startswith("# geokg report\n")
    assert main(["report", str(built), "--out", "-", "--top", "2"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# geokg report\n") and "| 3 |" not in section(printed, "Most central actors")


def test_report_limit_keeps_sections_short_and_says_what_it_left_out(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import kg
    from kg.report import render_report

    built = kg.build([Path(__file__).parent / "articles"], out=tmp_path / "dev")
    full = render_report(built, limit=None)
    short = render_report(built, limit=3)
    assert "more deals" not in full and "earlier dated facts are not shown" not in full
    assert "documents from" in short and "outlets." in short  # sources summarised by outlet
    assert "The 3 deals reported by the most documents" in short and "more deals" in short
    assert "The latest 3; " in short
    assert len(short) < len(full) / 2
