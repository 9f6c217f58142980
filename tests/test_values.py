import pytest

from kg.amounts import parse_amount
from kg.dates import resolve_date


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("a $500 million deal", 500_000_000, "USD"),
        ("an estimated $6 trillion in reserves", 6_000_000_000_000, "USD"),
        ("Rs 5bn", 5_000_000_000, "INR"),
        ("€1.2 billion", 1_200_000_000, "EUR"),
        ("A$600 million", 600_000_000, "AUD"),
        ("$10 billion", 10_000_000_000, "USD"),
        ("5 billion yuan", 5_000_000_000, "CNY"),
        ("£350m", 350_000_000, "GBP"),
        ("US$1,250,000", 1_250_000, "USD"),
        ("2.4 billion afghanis", 2_400_000_000, "AFN"),
    ],
)
def test_amounts_parse(text: str, amount: int, currency: str) -> None:
    parsed = parse_amount(text)
    assert parsed is not None and (parsed.amount, parsed.currency) == (amount, currency)


@pytest.mark.parametrize("text", ["no money here", "500 tonnes", "in 2025"])
def test_amounts_none(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "published", "value", "precision"),
    [
        ("February 4", "2026", "2026-02-04", "day"),
        ("last year", "2026", "2025", "year"),
        ("Last year", "2026-05-01", "2025", "year"),
        ("on Monday", "2026-03-10", "2026-03-09", "day"),
        ("next month", "2026-03-10", "2026-04", "month"),
        ("March 2024", None, "2024-03", "month"),
        ("4 February 2026", None, "2026-02-04", "day"),
    ],
)
def test_dates_resolve_against_publication(text, published, value, precision) -> None:
    date = resolve_date(text, published)
    assert date is not None and (date.value, date.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "published"),
    [("on Monday", "2026"), ("next month", "2026"), ("decades", "2026"), ("the past year", "2026"), ("February 4", None)],
)
def test_dates_unresolvable_give_none(text, published) -> None:
    assert resolve_date(text, published) is None
