"""Amounts in two currencies (issue 14): the bundled rates of the day they are stated for."""

import pytest

from corroborator.models import CleanDoc, RawDoc, Source
from corroborator.nlp import make_nlp
from corroborator.nlp.extract import extract
from corroborator.reconcile import money

pytestmark = pytest.mark.issue(14)


def test_money_rate_is_the_rate_of_the_day():
    then, now = money.rate("EUR", "USD", "2016-09-12"), money.rate("EUR", "USD", "2025-03-10")
    assert then is not None and now is not None
    assert 1.05 < then < 1.2 and 1.0 < now < 1.15 and abs(then - now) > 0.02
    assert money.rate("EUR", "USD", "2025-03") == money.rate("EUR", "USD", "2025-03-01")
    assert money.rate("USD", "USD", "2025-03-10") == 1.0


def test_money_unknown_currency_or_day_has_no_rate():
    assert money.rate("EUR", "XYZ", "2025-03-10") is None
    assert money.rate("EUR", "USD", "not a day") is None
    assert not money.known(None) and money.known("GBP")


@pytest.mark.parametrize(("value", "half"), [(5.0, 0.5), (1200.0, 50.0), (2.2e9, 5e7),
                                             (4.83, 0.005), (0.0, 0.5)])
def test_money_half_step_is_half_the_place_of_the_last_digit(value, half):
    assert money.half_step(value) == pytest.approx(half)


def test_money_extract_keeps_the_report_day_of_every_figure():
    """The report's day converts an amount at its rate, and dates a source's toll (a later
    report's higher toll from the same source is its update)."""
    text = "The ministry said the deal is worth €2 billion. It covers 40 schools."
    raw = RawDoc("r1", "r1.txt", "txt", text, Source(published="2025-03-10"), "0" * 64)
    mentions, _ = extract(make_nlp()(text), CleanDoc(raw, text))
    amount = next(m for m in mentions if m.kind == "amount")
    assert (amount.unit, amount.extra.get("day")) == ("EUR", "2025-03-10")
    assert all(m.extra.get("day") == "2025-03-10" for m in mentions)


def test_money_table_lists_the_bundled_currencies():
    from currency_converter import CurrencyConverter

    assert frozenset(CurrencyConverter().currencies) == money.TABLE
