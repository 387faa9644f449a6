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
        ("a $US1 million grant", "$US1 million", "amount", 1e6, "USD", "exact"),
        ("a $A30,000 car", "$A30,000", "amount", 30_000, "AUD", "exact"),
        ("it cost A$2 billion", "A$2 billion", "amount", 2e9, "AUD", "exact"),
        ("an NZ$40 million fund", "NZ$40 million", "amount", 4e7, "NZD", "exact"),
        ("an US$3 million fine", "US$3 million", "amount", 3e6, "USD", "exact"),
        ("a 7.7-magnitude quake", "7.7", "measure", 7.7, "magnitude", "exact"),
        ("a magnitude-5.2 quake", "5.2", "measure", 5.2, "magnitude", "exact"),
        ("aftershocks of magnitude over 5.0", "over 5.0", "measure", 5.0, "magnitude", "min"),
        ("measuring 5.4 on the Richter scale", "5.4", "measure", 5.4, "magnitude", "exact"),
        ("the survey put its magnitude at 6.9", "6.9", "measure", 6.9, "magnitude", "exact"),
        ("its magnitude was 6.2 by then", "6.2", "measure", 6.2, "magnitude", "exact"),
        ("two-thirds of members", "two-thirds", "percent", 200 / 3, "%", "exact"),
        ("at least one-fifth of the victims", "at least one-fifth", "percent", 20, "%", "min"),
        ("three quarters of the city", "three quarters", "percent", 75, "%", "exact"),
        ("in one quarter profits rose", "one", "count", 1, None, "exact"),
        ("her team cared for \u201caround 20\u201d kids", "around 20", "count", 20, None, "approx"),
        ('he put it at "nearly 300" people', "nearly 300", "count", 300, None, "max"),
        ("bid $ 160 million for him", "$ 160 million", "amount", 1.6e8, "USD", "exact"),
        ("worth about US $ 160 million", "about US $ 160 million", "amount", 1.6e8, "USD",
         "approx"),
        ("a \u20ac 40,000 pledge", "\u20ac 40,000", "amount", 40_000, "EUR", "exact"),
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


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "surface", "unit"), [
    ("winds of 120 mph", "120 mph", "mph"),
    ("about 193 km/h", "about 193 km/h", "km/h"),
    ("gusting to 35 kt", "35 kt", "kt"),
    ("at 80 miles per hour", "80 miles per hour", "miles per hour"),
    ("landed at 160 knots", "160 knots", "knots"),
])
def test_numbers_a_speed_is_a_measure_in_its_unit(text, surface, unit):
    """A speed is a measure, not a count of "mph" nor a distance in km ("193 km/h"), and
    its units convert: 120 mph is 193 km/h, 35 knots 65 km/h."""
    (q,) = find_quantities(text)
    assert (q.text, q.kind, q.unit) == (surface, "measure", unit)
    assert to_base(q.value, q.unit)[1] == "km/h"


def test_numbers_speeds_in_two_units_convert():
    assert abs(to_base(120, "mph")[0] - 193) < 1
    assert abs(to_base(35, "knots")[0] - 64.8) < 0.1


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


# --- issue 14, values: what is not a figure, and what is a figure without a number ---------

@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Hundreds of thousands marched past the palace", "Hundreds of thousands", 2e5, 999_999),
        ("thousands blocked the bridge", "thousands", 2_000, 9_999),
        ("several hundred thousand people rallied", "several hundred thousand", 3e5, 9e5),
        ("a few dozen reporters waited", "a few dozen", 24, 60),
        ("tens of thousands of nurses", "tens of thousands", 20_000, 99_999),
        ("the repairs cost a few hundred dollars", "a few hundred dollars", 200, 500),
    ],
)
def test_numbers_vague_quantities_keep_their_words_and_interval(text, surface, low, high):
    (q,) = find_quantities(text)
    assert (q.text, q.bound, q.low, q.high) == (surface, "vague", low, high)


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "bound"),
    [
        ("the first such crash in a decade", "a decade", 10, "year", "exact"),
        ("the worst season in almost three decades", "almost three decades", 30, "year", "max"),
        ("the hut stands around a kilometre away", "around a kilometre", 1, "kilometre", "approx"),
        ("she waited more than a year for a verdict", "more than a year", 1, "year", "min"),
    ],
)
def test_numbers_a_unit_after_a_or_a_bound_is_one_of_it(text, surface, value, unit, bound):
    assert [(q.text, q.value, q.unit, q.bound) for q in find_quantities(text)] == [
        (surface, value, unit, bound)
    ]


@pytest.mark.issue(14)
@pytest.mark.parametrize("text", ["tickets cost $5 a day", "we meet once a year", "a ton of work"])
def test_numbers_a_unit_after_a_alone_is_no_quantity(text):
    assert all(q.kind != "duration" and q.kind != "measure" for q in find_quantities(text))


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "text",
    ["the polls close at 0700 GMT on Monday", "the march set off at 4 p.m. from the square",
     "the shift ended around 11pm", "the vote closed at 9 ET", "we met at 7 o'clock",
     "the ceasefire began at 12:01 a.m.", "a scuffle near the station at 19: 30 ended",
     "the deadline was 1700 UTC"],
)
def test_numbers_clock_times_are_not_counts(text):
    assert find_quantities(text) == []


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "text",
    ["Posted Jun 02, 2026 11:45 4312 Ferry fares rise", "what shipping group ACME -2.4% means",
     "build 007 of the app"],
)
def test_numbers_page_furniture_is_not_a_figure(text):
    assert all(q.kind != "count" and q.kind != "percent" for q in find_quantities(text))


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("the toll rose from 30 to 34 overnight", (30, "from"), (34, "to")),
        ("fares fell from $12 to $9.50", (12, "from"), (9.5, "to")),
        ("turnout went from 41% to 48%", (41, "from"), (48, "to")),
        ("quotes ranging from 200 to 260 tonnes", (200, "from"), (260, "to")),
    ],
)
def test_numbers_from_to_is_read_as_two_values(text, first, second):
    found = [(q.value, q.change) for q in find_quantities(text)]
    assert found == [first, second]


# --- the same, read with the parse: what ``extract`` makes of each value ----------------------


def _mentions(text, published="2026-03-10"):
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract

    raw = RawDoc("r1", "r1.txt", "txt", text, Source(published=published), "0" * 64)
    mentions, _ = extract(make_nlp()(text), CleanDoc(raw, text))
    return [m for m in mentions if m.kind != "date"]


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hundreds of fans queued outside the stadium overnight.", "Hundreds"),
        ("Dozens of boats were stranded in the harbour.", "Dozens"),
        ("Thousands of nurses walked out on Tuesday.", "Thousands"),
        ("Tens of thousands of people lined the route.", "Tens of thousands"),
        ("Hundreds of thousands of homes lost power.", "Hundreds of thousands"),
    ],
)
def test_numbers_a_vague_quantity_states_no_figure(text, words):
    (m,) = _mentions(text)
    assert (m.text, m.value, m.bound) == (words, None, "vague")
    assert m.low is not None and m.high is not None and m.low < m.high


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    "text",
    ["The ferry left the harbour at 0700 GMT with its crew.",
     "Marchers gathered at 4 p.m. outside the town hall.",
     "The walkout began at 12:01 a.m. on Friday.",
     "The crowd thinned out around 11 p.m. after the speeches."],
)
def test_numbers_a_clock_time_is_never_a_count(text):
    assert _mentions(text) == []


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("The A320 circled twice before landing with 150 passengers.", [150]),
        ("Engineers inspected every Boeing 737 MAX 9 in the fleet.", []),
        ("Traffic on Route 9 was diverted after the crash.", []),
        ("Members of Local 12 joined the picket line.", []),
        ("District 751 said 2,100 members had voted.", [2100]),
        ("Flight 370 vanished with 239 people aboard.", [239]),
        ("Regulators grounded the 777 Max. The airline flies 40 777 jets and 12 other planes.",
         [40, 12]),
        ("The agency hired 300 staff and parked 70 aircraft in the hangar.", [300, 70]),
    ],
)
def test_numbers_identifiers_are_not_figures(text, counts):
    assert [m.value for m in _mentions(text) if m.kind == "count"] == counts


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Officials counted three clusters (defined as 3 or more linked cases) this year.", [3]),
        ("A district is classed as 5 or more farms, and 40 farms joined the scheme.",
         [40]),
        ("He was counted as one of 40 voters.", [40]),
        ("Sales rose as 40 stores opened.", [40]),
    ],
)
def test_numbers_the_yardstick_of_a_definition_is_no_figure(text, counts):
    """A value a definition sets ("defined as 3 or more cases") states no count of anything."""
    assert [m.value for m in _mentions(text) if m.kind == "count"] == counts


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "now", "before"),
    [
        ("The death toll rose from 30 to 34 on Sunday.", 34, 30),
        ("Cases in the county have grown from 45 to 80 this month.", 80, 45),
        ("Ticket prices were cut from $12 to $9.", 9, 12),
        ("Support for the deal fell from 52% to 47% in a week.", 47, 52),
    ],
)
def test_numbers_from_to_after_a_change_is_a_change_not_a_range(text, now, before):
    found = {m.extra.get("change"): m for m in _mentions(text)}
    assert found["current"].value == now and found["current"].bound == "exact"
    assert found["previous"].value == before and found["previous"].bound == "exact"


@pytest.mark.issue(14)
def test_numbers_from_to_after_a_range_word_stays_a_range():
    (m,) = _mentions("Estimates of the crowd ranged from 30,000 to 45,000 people.")
    assert (m.bound, m.low, m.high, m.text) == ("range", 30_000, 45_000, "30,000 to 45,000")


@pytest.mark.issue(14)
def test_numbers_a_vague_quantity_shows_its_words_in_every_output(tmp_path):
    """Through ``build``: SQLite keeps the words and interval with no value; the page shows
    the words, never a made-up figure, and nothing prints "None"."""
    import sqlite3
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Ferry strike strands travellers\n\nHundreds of travellers "
                                  "were stranded at the port on Monday, the operator said.\n")
    (corpus / "b.txt").write_text("Port chaos as ferry crews strike\n\nAbout 300 travellers "
                                  "were stranded at the port on Monday, police said.\n")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "corroborator", "build", str(corpus), "--out",
                           str(out), "--quiet"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(out / "record.sqlite")
    rows = db.execute("SELECT text, value, low, high FROM mentions WHERE bound = 'vague'").fetchall()
    assert rows == [("Hundreds", None, 200.0, 999.0)]
    page = (out / "index.html").read_text()
    assert 'title="count: Hundreds' in page
    assert "count: None" not in page and "count: unresolved" not in page
    from corroborator.record.store import read_record
    from corroborator.report.render import format_mention

    (vague,) = [m for m in read_record(out / "record.sqlite").mentions if m.bound == "vague"]
    assert format_mention(vague) == "Hundreds"


@pytest.mark.issue(15)
def test_numbers_a_title_case_headline_does_not_make_the_bodys_figure_a_name():
    """The parser reads a title-case headline as one long name ("Police Say 300 Arrested In
    Capital Protests" as an ORG); the same digits in the body are still a count."""
    text = ("Police Say 300 Arrested In Capital Protests\n\n"
            "The police said on Sunday that 300 people had been arrested in the capital.")
    found = [(m.value, m.head) for m in _mentions(text)]
    assert (300.0, "people") in found


def test_numbers_digits_the_body_uses_as_a_name_stay_a_name_under_a_title_case_headline():
    text = ("Harbour Line Orders More 737 Jets\n\n"
            "The airline said its Boeing 737 fleet would grow, and 200 pilots were hired.")
    assert [m.value for m in _mentions(text)] == [200.0]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "expected"), [
    ("He said no one was seriously injured in the clashes.", [("no one", 0.0)]),
    ("Nobody has been killed, police said.", [("Nobody", 0.0)]),
    ("No one knows how many came.", []),
    ("No one was there when 3 people were hurt.", [("3", 3.0)]),
])
def test_numbers_no_one_harmed_is_a_count_of_none(text, expected):
    """'No one was injured' states a figure (none) a report can be checked on; 'no one
    knows' does not."""
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract

    raw = RawDoc("r", "r.txt", "txt", text, Source(), "r")
    mentions, _ = extract(make_nlp()(text), CleanDoc(raw, text))
    assert [(m.text, m.value) for m in mentions if m.kind == "count"] == expected


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "number", "low", "high"), [
    ("39 patients from newborn to age 4 were treated.", "4", 4.0, 4.0),
    ("62 patients ages 5-17 were treated.", "5-17", 5.0, 17.0),
    ("children aged 6 to 11", "6 to 11", 6.0, 11.0),
    ("He retired at the age of 70.", "70", 70.0, 70.0),
])
def test_numbers_an_age_is_no_count(text, number, low, high):
    """'Up to age 4' gives an age, as '4-year-old' does, not a count of four."""
    ages = [q for q in find_quantities(text) if q.text == number]
    assert [(q.kind, q.unit, q.low, q.high) for q in ages] == [("measure", "years old", low, high)]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "act"), [
    ("A charity said it had pledged €40,000 to the families.", "pledge"),
    ("The mayor promised 300 new homes by May.", "promise"),
])
def test_numbers_a_pledge_is_the_act_of_what_it_gives(text, act):
    """"Pledged €40,000": the pledge is what the money is, though "pledge" also cues speech."""
    assert act in _mentions(text)[0].frame


@pytest.mark.issue(14)
def test_numbers_a_day_without_its_year_is_kept_for_the_event_to_date():
    """"As of Feb. 26" in a report with no date has no year to give the figure: the day is
    kept (``extra["time_no_year"]``) for reconcile to date from the event; a dated report
    dates it at once."""
    text = "The minister said there have been 177 cases in the province as of Feb. 26."
    undated = next(m for m in _mentions(text, published=None) if m.value == 177)
    assert (undated.time, undated.extra.get("time_no_year")) == (None, "02-26")
    dated = next(m for m in _mentions(text, published="2025-03-01") if m.value == 177)
    assert dated.time == "2025-02-26" and "time_no_year" not in dated.extra


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "value", "act"), [
    ("Nurses said 20 patients hospitalized with the flu had recovered.", 20.0, "hospitalize"),
    ("In the ballot, 91% voted to walk out from Monday.", 91.0, "walk"),
    ("Of the tenants, 88% of residents agreed to pay the new rent.", 88.0, "pay"),
    ("The figures show 212 polling stations reporting turnout above 95%.", 212.0, "report"),
])
def test_numbers_the_act_of_a_figure_is_what_it_did(text, value, act):
    """The counted noun's own participle ("20 patients hospitalized") comes before the
    verb above it, and a vote or agreement is to what it governs ("voted to walk out"):
    a vote to strike and a vote to reject are two acts. A participle with its own object
    is what the noun did, even a verb that elsewhere only cues a source ("212 stations
    reporting turnout above 95%")."""
    m = next(m for m in _mentions(text) if m.value == value)
    assert m.frame[0] == act


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "values"), [
    ("If just one line were down, the other two would carry the calls, he said.", [2.0]),
    ("Unless 500 workers sign by Friday, the plant will close.", []),
    ("Officials said 40 people died, and the toll may rise if rescuers reach the valley.",
     [40.0]),
])
def test_numbers_a_condition_states_no_figure(text, values):
    """A figure in the clause of a condition ("if just one line were down") is a
    supposition, not a claim to check; the clause it conditions may still state one."""
    assert [m.value for m in _mentions(text)] == values


@pytest.mark.issue(14)
def test_numbers_an_amount_restated_in_another_currency_is_one_figure():
    """"€2 billion ($2.2 billion)": one figure in two currencies, the second kept as the
    first's conversion, not a second figure to set against it."""
    mentions = _mentions("The insurer put the damage at €2 billion ($2.2 billion) on Monday.")
    assert [(m.value, m.unit) for m in mentions] == [(2e9, "EUR")]
    assert mentions[0].extra["alt"]["value"] == 2.2e9
    mentions = _mentions("Damage to the hall was put at $US1 million ($1.52 million) on Monday.")
    assert [(m.value, m.unit) for m in mentions] == [(1e6, "USD")]
    assert mentions[0].extra["alt"]["value"] == 1.52e6


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The bank was fined 1.2 billion yuan.", 1.2e9, "CNY"),
    ("The levy raised 300 million zlotys.", 3e8, "PLN"),
    ("The tender was worth 20 million Swiss francs.", 2e7, "CHF"),
    ("They lost millions of roubles.", 2e6, "RUB"),
])
def test_numbers_currencies_named_in_words_are_amounts(text, value, unit):
    """Money named in words, not only in signs and the three big currencies: "1.2 billion
    yuan" is an amount, not 1.2 billion yuan counted as things."""
    (found,) = find_quantities(text)
    assert (found.kind, found.value, found.unit) == ("amount", value, unit)


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "values"), [
    ("At one point, the lawyer asked the witness to stop.", []),
    ("In one case, a nurse was hurt.", []),
    ("The department is only aware of one death associated with the outbreak.", [1.0]),
    ("One person died on Monday.", [1.0]),
    ("At least seven members of one family were killed.", [7.0]),
])
def test_numbers_one_that_says_where_or_when_is_no_count(text, values):
    """"At one point", "in one case" say when or where, not how many; "one death" and
    "one person died" count."""
    assert [m.value for m in _mentions(text)] == values


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "value", "act"), [
    ("The ministry said there have been 177 cases in the province.", 177.0, "exist"),
    ("The agency said there have been three outbreaks (defined as 3 or more related cases).",
     3.0, "exist"),
])
def test_numbers_there_being_is_the_act_of_an_existential(text, value, act):
    """"There have been 177 cases" says only that the cases are: its act is that, not
    none at all (which any act would match), and a naming ("defined as ...") is not what
    happened to the outbreaks."""
    m = next(m for m in _mentions(text) if m.value == value)
    assert m.frame[0] == act


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "value", "population"), [
    ("Two hotels in Dorva, a city of 160,000 people, collapsed.", 160_000.0, True),
    ("Power was cut to the coastal town of population 16,000.", 16_000.0, True),
    ("The island is home to 30,000 people.", 30_000.0, True),
    ("The island's population rose from 28,500 to 30,000.", 30_000.0, True),
    ("Some 16,000 people were evacuated from the town.", 16_000.0, False),
])
def test_numbers_a_population_is_its_own_thing(text, value, population):
    """How many live in a place is no figure of the event: "a city of 160,000 people" must
    not meet "160,000 people were killed" as one slot."""
    from corroborator.reconcile.facts import thing

    (m,) = [m for m in _mentions(text) if m.value == value]
    assert bool(m.extra.get("population")) is population
    assert (thing(m) == "population") is population


@pytest.mark.issue(14)
def test_numbers_a_population_never_shares_a_slot_with_an_event_count():
    from corroborator.reconcile.facts import cannot_link

    (city,) = _mentions("Two hotels in Dorva, a city of 160,000 people, collapsed.")[1:]
    (killed,) = _mentions("Some 160,000 people were killed in the quake.")
    (town,) = _mentions("The island is home to 160,000 people.")
    assert cannot_link(city, killed)
    assert not cannot_link(city, town)


@pytest.mark.issue(14)
@pytest.mark.parametrize("text", [
    "The Hawks won 31-24 on Sunday.",
    "They fought back from 14-0 down.",
    "He went 29-of-34 passing.",
    "Police found a .32-caliber revolver.",
    "He carried a 12-gauge shotgun.",
])
def test_numbers_scores_and_bores_are_no_figures(text):
    """A score ("31-24"), a tally ("29-of-34") and a gun's bore (".32-caliber") count nothing
    a report could dispute with another's; a range climbs ("65-70") and stays one."""
    assert find_quantities(text) == []


def test_numbers_a_range_still_climbs():
    (q,) = find_quantities("between 65-70 people")
    assert (q.value, q.high, q.bound) == (65, 70, "range")


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "value", "kind"), [
    ("John Smith, 45, said the car was red.", 45.0, "measure"),
    ("Timmons, now 16, was armed with a gun.", 16.0, "measure"),
    ("The victim, 23, died at the scene.", 23.0, "measure"),
    ("The army sent its units, 12, to the city.", 12.0, "count"),
])
def test_numbers_an_age_set_off_by_commas_is_no_count(text, value, kind):
    (m,) = [m for m in _mentions(text) if m.value == value]
    assert m.kind == kind
    assert (m.unit == "years old") is (kind == "measure")


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "compares", "head"), [
    ("The laptop comes with a 40% larger battery.", True, "battery"),
    ("The battery holds 40 percent more energy.", True, "energy"),
    ("Sales were 12 percent higher than a year ago.", True, None),
    ("Turnout was 40 percent.", False, "turnout"),  # the turnout's share
])
def test_numbers_a_percent_that_compares_is_its_own_slot(text, compares, head):
    """"A 40% larger battery" measures a comparison, of the battery: never one slot with a
    share stated outright ("turnout was 40 percent")."""
    from corroborator.reconcile.facts import cannot_link

    (m,) = [m for m in _mentions(text) if m.kind == "percent"]
    assert bool(m.extra.get("compares")) is compares
    assert m.head == head
    (share,) = [m for m in _mentions("Turnout was 40 percent.") if m.kind == "percent"]
    assert cannot_link(m, share) is compares


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "head", "counted", "act"), [
    ("The union put the number of missing at 23.", "people", "missing", "miss"),
    ("Organisers put the number of protesters at 300,000.", "protester", "protesters", None),
    ("The ministry put the number of dead at 12.", "people", "dead", "dead"),
    ("Police put the crowd at 36,000.", None, None, None),  # a number of people already
])
def test_numbers_put_the_number_of_x_at_n_counts_x(text, head, counted, act):
    """"Put the number of missing at 23" counts the missing: people, of whom it is said that
    they are missing, as "23 people were missing" does."""
    from corroborator.reconcile.facts import act as act_of

    (m,) = _mentions(text)
    assert (m.head, m.counted) == (head, counted)
    if act is not None:
        assert act_of(m) == act


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "kind"), [
    ("Such heat waves are now at least 10 times more likely than a century ago.", "10",
     "measure"),
    ("The union counts 1,800 jobs at risk, three times the 600 the firm admits.", "three",
     "measure"),
    ("Prices were cut five times in a year.", "five", "count"),
])
def test_numbers_a_multiplier_counts_nothing(text, figure, kind):
    """'10 times more likely', 'three times the 600': a ratio of one figure to another, no
    count of people or things to be linked with one."""
    m = next(m for m in _mentions(text) if figure in m.text)
    assert m.kind == kind
    assert (m.unit == "times") is (kind == "measure")


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a temperature's scale written as one capital against its number
        ("The station logged 46.2C (115.2F) on Tuesday.",
         [("46.2C", "measure", 46.2, "°c"), ("115.2F", "measure", 115.2, "°f")]),
        ("It was still 1.0C above the old record.", [("1.0C", "measure", 1.0, "°c")]),
        # not a letter that runs on into a word, nor one before a hyphen
        ("Shares of 3Com fell; the F-16 flew.", []),
        # a scale set off by hyphens inside a compound
        ("It unveiled a 250-million-mark emergency fund.",
         [("250-million", "count", 250e6, None)]),
    ],
)
def test_numbers_temperatures_and_hyphenated_scales(text, found):
    got = [(q.text, q.kind, q.value, q.unit) for q in find_quantities(text)]
    assert got == found
