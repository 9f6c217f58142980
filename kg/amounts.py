"""Money expressions → :class:`~kg.records.Amount` ("$500 million" → 500000000 USD)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kg.records import Amount

__all__ = ["parse_amount"]

# Currency symbols and words, longest first; codes are ISO 4217.
_CURRENCIES = [
    ("US$", "USD"), ("A$", "AUD"), ("C$", "CAD"), ("HK$", "HKD"), ("S$", "SGD"), ("NZ$", "NZD"),
    ("R$", "BRL"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"),
    ("₩", "KRW"), ("₽", "RUB"), ("Rs.", "INR"), ("Rs", "INR"), ("PKR", "PKR"), ("INR", "INR"),
    ("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP"), ("CNY", "CNY"), ("RMB", "CNY"), ("JPY", "JPY"),
    ("AUD", "AUD"), ("CAD", "CAD"), ("SEK", "SEK"), ("NOK", "NOK"), ("DKK", "DKK"), ("CHF", "CHF"),
    ("ZAR", "ZAR"), ("KRW", "KRW"), ("NGN", "NGN"), ("₦", "NGN"), ("naira", "NGN"), ("kronor", "SEK"), ("yuan", "CNY"), ("dollars", "USD"), ("dollar", "USD"),
    ("euros", "EUR"), ("euro", "EUR"), ("pounds", "GBP"), ("rupees", "INR"), ("yen", "JPY"),
    ("roubles", "RUB"), ("rubles", "RUB"), ("won", "KRW"), ("rand", "ZAR"), ("reais", "BRL"),
    ("afghanis", "AFN"), ("afghani", "AFN"),
]
_SCALES = {
    "thousand": 10**3, "k": 10**3, "lakh": 10**5, "million": 10**6, "mn": 10**6, "m": 10**6,
    "mln": 10**6, "crore": 10**7, "billion": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}
_SYMBOLS = "|".join(re.escape(symbol) for symbol, _ in _CURRENCIES)
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*-?\s*(?P<scale>" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b)?"
_PATTERN = re.compile(
    r"(?:(?P<before>" + _SYMBOLS + r")\s*" + _NUMBER + _SCALE + r"(?:\s+(?P<pakistani>rupees|dollars))?"
    r"|" + _NUMBER.replace("number", "number2") + _SCALE.replace("scale", "scale2")
    + r"\s*(?P<after>" + _SYMBOLS + r"))",
    re.IGNORECASE,
)
_CODES = {symbol.casefold(): code for symbol, code in _CURRENCIES}


def parse_amount(text: str) -> Amount | None:
    """Parse the first money amount in ``text``.

    >>> parse_amount("a $500 million deal")
    Amount(amount=500000000, currency='USD', text='$500 million')
    >>> parse_amount("Rs 5bn").amount, parse_amount("€1.2 billion").currency
    (5000000000, 'EUR')
    """
    for match in _PATTERN.finditer(text):
        symbol = match.group("before") or match.group("after")
        number = match.group("number") or match.group("number2")
        scale = match.group("scale") or match.group("scale2")
        if symbol is None or number is None:
            continue
        if match.group("after") and symbol.isalpha() and len(symbol) <= 3 and symbol.islower() and symbol != "yen":
            continue  # "3 million won" may be a verb; "38 billion yen" is money
        try:
            value = Decimal(number.replace(",", ""))
        except InvalidOperation:
            continue
        if scale:
            value *= _SCALES[scale.casefold()]
        code = _CODES.get(symbol.casefold())
        if code is None:
            continue
        return Amount(amount=int(value), currency=code, text=match.group(0).strip())
    return None
