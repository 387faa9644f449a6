import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborator.nlp.numbers import find_quantities, to_base


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value", "unit", "bound"),
    [
        ("deported over 250 alleged gang members", "over 250", "count", 250, None, "min"),
        ("Seventeen members were flown", "Seventeen", "count", 17, None, "exact"),
        ("with $6 million for the deal", "$6 million", "amount", 6_000_000, "USD", "exact"),
        ("a year-long arrangement", "a year-long", "duration", 1, "year", "exact"),
        ("within a mile-and-a-half radius", "a mile-and-a-half", "measure", 1.5, "mile", "exact"),
        ("a 14-day restraining order", "14-day", "duration", 14, "day", "exact"),
        ("at least 261 inmate deaths", "at least 261", "count", 261, None, "min"),
        ("capacity to hold up to 40,000 inmates", "up to 40,000", "count", 40_000, None, "max"),
        ("control 85% of the territory", "85%", "percent", 85, "%", "exact"),
        ("some 60 percent of ferries", "some 60 percent", "percent", 60, "%", "approx"),
        ("a €40,000 pledge", "€40,000", "amount", 40_000, "EUR", "exact"),
        ("it costs $200 million per year", "$200 million", "amount", 2e8, "USD/year", "exact"),
        ("two hundred and fifty people", "two hundred and fifty", "count", 250, None, "exact"),
        ("a dozen boats", "a dozen", "count", 12, None, "exact"),
        ("It was -5 degrees at dawn", "-5 degrees", "measure", -5, "degrees", "exact"),
        ("it fell to −12°C overnight", "−12°C", "measure", -12, "°c", "exact"),
        ("minus 40 degrees Fahrenheit", "minus 40 degrees Fahrenheit", "measure", -40,
         "degrees fahrenheit", "exact"),
        ("shares lost -3% on Monday", "-3%", "percent", -3, "%", "exact"),
    ],
)
def test_numbers_parses_values(text, surface, kind, value, unit, bound):
    found = find_quantities(text)
    assert [(q.text, q.kind, q.value, q.unit, q.bound) for q in found] == [
        (surface, kind, value, unit, bound)
    ]


@pytest.mark.parametrize("text", ["between 10-15 people", "a 5-4 vote", "COVID-19 cases",
                                  "pages 10 - 12"])
def test_numbers_a_hyphen_between_numbers_is_no_minus_sign(text):
    assert all(q.value >= 0 for q in find_quantities(text))


def test_numbers_an_approximate_negative_value_keeps_an_ordered_interval():
    (q,) = find_quantities("about -10 degrees")
    assert q.value == -10 and q.low <= -10 <= q.high


def test_numbers_ranges_and_vague_quantities():
    (r,) = find_quantities("between 65 and 70 inmates")
    assert (r.bound, r.low, r.high) == ("range", 65, 70)
    (v,) = find_quantities("hundreds of migrants")
    assert v.bound == "vague" and v.low <= 238 <= v.high


@pytest.mark.parametrize("text", ["MS-13 members", "COVID-19 cases", "the 18th century",
                                  "at 10:30 on 3/16", "1e309 and 10^100", "in 1798"])
def test_numbers_ignores_names_ordinals_times_and_years(text):
    assert find_quantities(text) == []


def test_numbers_unit_conversion_in_base_units():
    km = to_base(72, "kilometers")[0]
    miles = to_base(45, "miles")[0]
    assert abs(km - miles) / km < 0.01


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_numbers_never_crash_and_offsets_stay_inside(text):
    for q in find_quantities(text):
        assert 0 <= q.start <= q.number_start < q.number_end <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert not math.isnan(q.value)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_round_trip_printed_values(n):
    (q,) = find_quantities(f"there were {n:,} boats")
    assert q.value == n
