"""Amounts in two currencies, and measures in two units, compared as rounded figures.

Reports of one story state one amount in the currency of their readers: "€2 billion"
in one, "$2.2 billion" in another, on the same day. Those agree. The rates are the
European Central Bank's daily reference rates, which ``currencyconverter`` ships inside
its package (42 currencies, from 1999 to the package's release; no network): an
amount is converted at the rate of the day it is stated for (the time the text gives,
else the report's date), or the nearest day the table has.

A figure converted from another unit is rounded by whoever converted it ("3 miles
(5 km)", "$2.2 billion" for 2.17), so two figures in different units are compared as
the intervals their stated digits round from, at most ``ROUNDED_AT_MOST`` either
way: "2.2 billion" is 2.15-2.25 billion, "1,200" is 1,150-1,250, "5" is 4.75-5.25.
Within one unit nothing changes: "5 km" and "4.6 km" still disagree.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from ..nlp.dates import first_day

if TYPE_CHECKING:
    from currency_converter import CurrencyConverter

    from ..models import Mention

RATE_SPREAD = 0.01  # the rates of two nearby days, or of two sources of rates, differ this much
ROUNDED_AT_MOST = 0.05  # a conversion is rounded by at most this share of its value ("3 miles
# (5 km)" is 3.5% off): "2 billion" rounds from 1.9-2.1 billion, not 1.5-2.5


@cache
def _converter() -> CurrencyConverter:
    from currency_converter import CurrencyConverter  # 0.4 s to read the bundled table

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


# the currencies of the bundled table (``CurrencyConverter().currencies`` of 0.18.23), so that
# blocking amounts reads no table; ``test_money`` checks the two agree
TABLE = frozenset(
    "AUD BGN BRL CAD CHF CNY CYP CZK DKK EEK EUR GBP HKD HRK HUF IDR ILS INR ISK JPY KRW LTL "  # noqa: SIM905
    "LVL MTL MXN MYR NOK NZD PHP PLN ROL RON RUB SEK SGD SIT SKK THB TRL TRY USD ZAR".split()
)


def known(currency: str | None) -> bool:
    """Whether the bundled table has rates for this ISO 4217 code."""
    return currency in TABLE


def day_of(m: Mention) -> str | None:
    """The day an amount is stated for: the time the text gives it, else its report's date
    (``extract`` keeps it as ``extra["day"]``)."""
    return m.time or m.extra.get("day")


@cache
def rate(source: str, target: str, day: str) -> float | None:
    """What one unit of ``source`` was worth in ``target`` on ``day`` (ISO 8601 at any
    precision: a month or a year is read as its first day); None when either currency is
    not in the table or the day is no date."""
    if source == target:
        return 1.0
    if not (known(source) and known(target)):
        return None
    try:
        when = first_day(day)
    except ValueError:
        return None
    return float(_converter().convert(1.0, source, target, date=when))


def convertible(m: Mention) -> bool:
    """An amount in a currency of the table, stated for a known day: one that can meet
    amounts in other currencies."""
    return m.kind == "amount" and known(m.unit) and day_of(m) is not None


def factor(a: Mention, b: Mention) -> float | None:
    """What to multiply ``b``'s figures by to state them in ``a``'s currency: 1 for one
    currency, the rate of ``a``'s day (else ``b``'s) for two, None when there is none."""
    if a.unit == b.unit:
        return 1.0
    if not (convertible(a) and convertible(b)):
        return None
    return rate(str(b.unit), str(a.unit), str(day_of(a) or day_of(b)))


def half_step(value: float) -> float:
    """Half the place of the last digit a figure states: 5 -> 0.5, 1,200 -> 50, 2.2e9 ->
    5e7, 4.83 -> 0.005 (what a rounded conversion may be off by)."""
    if value == 0:
        return 0.5
    exponent = Decimal(f"{abs(value):.6g}").normalize().as_tuple().exponent
    return 0.5 * 10.0 ** int(exponent)


def rounded(m: Mention) -> tuple[float, float]:
    """The interval a figure's stated digits round from (at most ``ROUNDED_AT_MOST`` of it
    either way), in its own unit; a bound or an approximation keeps its own interval,
    widened by the same rounding."""
    value = float(m.value)  # type: ignore[arg-type]
    step = min(half_step(value), ROUNDED_AT_MOST * abs(value))
    low = m.low if m.low is not None and m.bound != "exact" else value
    high = m.high if m.high is not None and m.bound != "exact" else value
    return low - step, high + step
