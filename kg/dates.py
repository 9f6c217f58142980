"""Date expressions → :class:`~kg.records.DateValue`, resolved against the publication date.

Parsing is dateparser's; this module only decides the reference date and the precision that the
publication date can support ("on Monday" cannot be resolved against a year alone).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from kg.records import DateValue

__all__ = ["resolve_date", "published_precision"]

_PRECISIONS = {"year": 1, "month": 2, "day": 3}
_PERIOD = {"year": "year", "month": "month", "day": "day", "week": "day", "time": "day"}
_ABSOLUTE = re.compile(
    r"\b(1[89]\d\d|20\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE
)
_VAGUE = re.compile(r"\b(past|recent|coming|decades?|centur(?:y|ies)|(?:months|years|weeks|days)\b(?! ago))", re.IGNORECASE)


def published_precision(published: str | None) -> str | None:
    """``"2026"`` → ``"year"``, ``"2026-02"`` → ``"month"``, ``"2026-02-04"`` → ``"day"``."""
    if not published:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(published))


@lru_cache(maxsize=1)
def _parser_class():  # imported lazily: dateparser loads its language data on first use
    from dateparser.date import DateDataParser

    return DateDataParser


def _parse(text: str, base: datetime) -> tuple[datetime, str] | None:
    parser = _parser_class()(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period", "RETURN_TIME_AS_PERIOD": True},
    )
    data = parser.get_date_data(text)
    if data.date_obj is None or data.period is None:
        return None
    return data.date_obj, _PERIOD.get(data.period, "day")


_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


def _fmt(value: datetime, precision: str) -> str:
    return value.strftime(_FORMATS[precision])


def resolve_date(text: str, published: str | None) -> DateValue | None:
    """Resolve a date expression against the publication date, keeping honest precision.

    >>> resolve_date("February 4", "2026")
    DateValue(value='2026-02-04', precision='day', text='February 4')
    >>> resolve_date("last year", "2026").value
    '2025'
    >>> resolve_date("April 20-21", "2027-03-09").value   # a span of days starts on its first
    '2027-04-20'
    >>> resolve_date("on Monday", "2026") is None   # a weekday needs a day to count from
    True
    """
    expression = re.sub(r"^(on|in|at|since|by|from|until)\s+", "", text.strip(), flags=re.IGNORECASE)
    # a span of days ("April 20-21", "24 to 25 June") starts on its first day: the second number is no year
    expression = re.sub(r"(?<![-–—/:.\d])\b(\d{1,2})\s*(?:-|–|—|to|and)\s*\d{1,2}\b(?!\s*(?:-|–|/|:))", r"\1", expression)
    if not expression or _VAGUE.search(expression) and not _ABSOLUTE.search(expression):
        return None
    base_precision = published_precision(published)
    if published:
        parts = [int(p) for p in published.split("-")] + [1, 1]
        base = datetime(parts[0], parts[1], parts[2])
    else:
        base = datetime(2000, 1, 1)
    parsed = _parse(expression, base)
    if parsed is None:
        return None
    value, precision = parsed
    absolute = _ABSOLUTE.search(expression) is not None
    if not absolute:
        # A relative expression ("yesterday", "next month", "last year") can be no finer than the
        # publication date it counts from, and means nothing without one.
        if base_precision is None or _PRECISIONS[precision] > _PRECISIONS[base_precision]:
            return None
    elif not re.search(r"\b(1[89]\d\d|20\d\d)\b", expression) and base_precision is None:
        return None  # "February 4" with no publication year
    return DateValue(value=_fmt(value, precision), precision=precision, text=text)
