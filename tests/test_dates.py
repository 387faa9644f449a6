import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborator.nlp.dates import clock_near, clocks_alone, find_dates, first_day


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("originally passed in 1798, it", "2025-03", "1798"),
        ("In January, Trump declared", "2025-03", "2025-01"),
        ("since March 2022 under", None, "2022-03"),
        ("which opened two years ago", "2025-03", "2023"),
        ("reelected last year", "2025-03-17", "2024"),
        ("on Sunday night", "2025-03-17", "2025-03-16"),
        ("on Sunday night", "2025-03", None),
        ("last Tuesday", "2024-06-18", "2024-06-11"),
        ("March 16, 2025", None, "2025-03-16"),
        ("on 11 June", "2024-06-13", "2024-06-11"),
        ("in December", "2025-03", "2024-12"),
    ],
)
def test_dates_resolve_at_the_text_precision(text, published, value):
    (d,) = find_dates(text, published)
    assert d.value == value


def test_dates_ignore_modal_may_and_numbers_with_commas():
    assert find_dates("May God bless El Salvador, and 1,798,000 people") == []


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from([None, "2025", "2025-03", "2025-03-17", "garbage"]))
def test_dates_never_crash(text, published):
    for d in find_dates(text, published):
        assert text[d.start : d.end] == d.text


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("the ballot closes on Oct. 3", "2026-09-20", "2026-10-03"),
        ("pickets began on September 13th", "2026-09-14", "2026-09-13"),
        ("talks resumed on Dec. 30", "2027-01-02", "2026-12-30"),
        ("the fund opens on Jan. 3", "2026-12-30", "2027-01-03"),
        ("the plant shut in November", "2026-06-29", "2025-11"),
        ("the ferry sank on Oct. 3", "2026", "2026-10-03"),
        ("the ferry sank on Oct. 3", None, None),
        ("(@someone) March 15, 2026The driver left", "2026-03-16", "2026-03-15"),
    ],
)
def test_dates_without_a_year_take_the_nearest_year_of_the_report(text, published, value):
    (d,) = find_dates(text, published)
    assert d.value == value


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("after last night's vigil in the square", "2026-05-10", "2026-05-09"),
        ("the mayor said this morning", "2026-05-10", "2026-05-10"),
        ("crews will strike tonight", "2026-05-10", "2026-05-10"),
    ],
)
def test_dates_parts_of_a_day_resolve_to_their_day(text, published, value):
    (d,) = find_dates(text, published)
    assert d.value == value


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("The walkout began at 12:01 a.m. PDT Friday, the union said.", "00:01 PDT"),
        ("Pickets formed on Friday (0700 GMT) at the gates.", "07:00 GMT"),
        ("The rally on Sunday started at 4 p.m. in the square.", "16:00"),
        ("They met on 15 March at 19:00 near the park.", "19:00"),
        ("On Sunday, 4 people were hurt.", None),
        # "afternoon" holds "noon" but names no time of day
        ("The fire broke out on Saturday afternoon in the hills.", None),
        ("The rally on Sunday ended at noon.", "12:00"),
    ],
)
def test_dates_a_clock_time_goes_with_the_date_beside_it(text, clock):
    (d,) = find_dates(text, "2026-03-17")
    assert clock_near(text, d.start, d.end) == clock


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a time of day no date stands beside takes the last day named before it
        (("A ferry capsized late on Friday. It overturned at about 9.40pm; the call was "
          "logged at 21:47."), ["2026-03-13T21:40", "2026-03-13T21:47"]),
        ("At 21:47 on 12 June a call came in. A boat arrived on scene at 22:37.",
         ["2026-06-12T22:37"]),  # the first is the date's own time (``clock_near``)
        ("Gas levels fell below the limit by 14:00 on the day of the blast, 5 October.", []),
        # no day named before it: nothing to date it by
        ("The helicopter arrived at 22:51.", []),
        # no "at", "by", "until" ...: a page's furniture, not the time of an act
        ("The ferry sank on Friday. Updated 14:05", []),
    ],
)
def test_dates_a_time_of_day_alone_takes_the_day_named_before_it(text, values):
    """"It overturned at about 9.40pm" after "late on Friday" is 21:40 on that Friday; a time
    of day beside its date is the date's own; one with no day named before it, or set as
    the time of no act, is left out."""
    got = clocks_alone(text, find_dates(text, "2026-03-17"))
    assert [d.value for d in got] == values


# issue 18.4: a weekday's direction follows the tense of its sentence. The report is
# published on Wednesday 11 March 2026: Thursday before is the 5th, after is the 12th.
def _dated_mentions(text: str, published: str = "2026-03-11") -> dict[str, str | None]:
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract

    raw = RawDoc("r1", "r1.txt", "txt", text, Source(published=published), "0" * 64)
    mentions, _ = extract(make_nlp()(text), CleanDoc(raw, text))
    return {m.text: m.value for m in mentions if m.kind == "date"}


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("text", "day", "value"),
    [
        ("Officials said talks would resume on Thursday.", "Thursday", "2026-03-12"),
        ("The union said the talks will resume on Thursday.", "Thursday", "2026-03-12"),
        ("The minister is meeting the union on Friday.", "Friday", "2026-03-13"),
        ("The minister is going to meet the union on Friday.", "Friday", "2026-03-13"),
        ("Talks are set to resume on Monday.", "Monday", "2026-03-16"),
        ("The upcoming vote on Friday will decide the strike.", "Friday", "2026-03-13"),
    ],
)
def test_dates_a_weekday_ahead_resolves_forward(text, day, value):
    assert _dated_mentions(text)[day] == value


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("text", "day", "value"),
    [
        ("Talks resumed on Thursday, officials said.", "Thursday", "2026-03-05"),
        # the day of saying, which the parser hangs on the clause said after it
        ("The company said on Monday it would close the plant.", "Monday", "2026-03-09"),
        ("The company said Monday it would close the plant.", "Monday", "2026-03-09"),
        ("The vote, scheduled for Tuesday, was postponed.", "Tuesday", "2026-03-10"),
        ("The strike ended last Friday.", "last Friday", "2026-03-06"),
        ("The strike ends next Friday.", "next Friday", "2026-03-13"),
    ],
)
def test_dates_a_weekday_in_the_past_stays_back(text, day, value):
    assert _dated_mentions(text)[day] == value


@pytest.mark.issue(18)
def test_dates_today_in_a_quote_is_the_reports_day():
    found = _dated_mentions('"Today we go back to work," the union leader said on Sunday.',
                            "2026-03-09")
    assert found == {"Today": "2026-03-09", "Sunday": "2026-03-08"}
    found = _dated_mentions('"We will sign it today," the minister told reporters.', "2026-03-09")
    assert found == {"today": "2026-03-09"}


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "published", "expected"), [
    ("cases between October 18 of last year and March 19 of this year", "2025-03-27",
     [("October 18 of last year", "2024-10-18"), ("March 19 of this year", "2025-03-19")]),
    ("in March of last year, 40 died", "2025-03-27", [("March of last year", "2024-03")]),
    ("due on Jan. 3 of next year", "2025-06", [("Jan. 3 of next year", "2026-01-03")]),
])
def test_dates_a_day_with_its_year_in_words_is_one_date(text, published, expected):
    """'October 18 of last year' is one date in 2024, not October 18 and a year apart."""
    assert [(d.text, d.value) for d in find_dates(text, published)] == expected


@pytest.mark.issue(14)
@pytest.mark.parametrize("published", [None, "2025", "2025-03"])
def test_dates_a_report_without_its_day_reads_its_dates_against_its_date_stamp(published):
    """A report whose metadata give no day, under a date stamp ("Sat. March 15 2025"),
    dates "on March 15" and "on Sunday" by it, as a reader does."""
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract

    text = ("Rally in Kingsford, Sat. March 15 2025\n\n"
            "Thousands rallied in Kingsford on March 15 at a protest called by students, "
            "and a second march is planned for Sunday.")
    raw = RawDoc("r", "r.txt", "txt", text, Source(published=published), "r")
    mentions, _ = extract(make_nlp()(text), CleanDoc(raw, text))
    dated = {m.text: m.value for m in mentions if m.kind == "date"}
    assert dated.get("March 15") == "2025-03-15"


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "time"), [
    (("The province has seen 470 cases linked to the outbreak between October 18 of last year "
      "and March, 19 of this year."), "470", "2025-03-19"),
    ("The county recorded 52 cases from May 3 to June 9.", "52", "2025-06-09"),
    (("She wrote that there have been 177 cases in the province related to this outbreak as "
      "of Feb. 26, most of them in the south."), "177", "2025-02-26"),
])
def test_dates_a_figure_for_a_period_is_stated_as_of_its_end(text, figure, time):
    """A total 'between October 18 and March 19' is the total as of March 19; 'as of
    Feb. 26' dates the figures of its sentence, wherever the parse hangs it."""
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract

    raw = RawDoc("r", "r.txt", "txt", text, Source(published="2025-03-25"), "r")
    mentions, _ = extract(make_nlp()(text), CleanDoc(raw, text))
    assert [m.time for m in mentions if m.text == figure] == [time]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "stamp"), [
    ("Rally in Kingsford, Sat. March 15 2025\n\nThousands rallied.", "2025-03-15"),
    ("By Ana Lima | Wednesday, June 12, 2024, 6:40 a.m.\n\nThe ferry sank.", "2024-06-12"),
    # a byline of fields between bars, longer than a stamp line, with a field of its date
    (("Flight Operations Review | Safety | By Claire Dunmore, Safety Editor | 10 March 2026"
     "\n\nThe jet overran the runway."), "2026-03-10"),
    (("Harbour Desk | Published 18 April 2026 | Lena Ostrova, Senior Correspondent, Vestria"
     "\n\nThe ferry sank."), "2026-04-18"),
    # ...but not a line between bars whose date stands in a sentence of the story
    (("Live | Crowds gathered in the old square on 10 March 2026 to mourn the dead | News"
     "\n\nThe ferry sank."), None),
    # a sentence of the story that opens with an old date is no stamp of when it was written
    ("Felt dies at 95\nOn Tuesday, Oct. 10, 1972, Washington awoke to this news:\nIt spread.",
     None),
])
def test_dates_a_date_stamp_is_a_line_of_a_date_not_a_sentence(text, stamp):
    from corroborator.nlp.dates import stamp_line

    found = stamp_line(text)
    assert (found[1] if found else None) == stamp


@pytest.mark.issue(14)
def test_dates_a_byline_date_dates_no_thing_of_the_story():
    """The date of a byline ('By Ann Lee | The Herald | Sunday 8 March, 23:10') says when
    the report was filed: it dates nothing the story tells, so it is no date of 'the
    Herald' that another report's byline could contradict; the story's own 'on Sunday'
    dates the killing."""
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract

    text = ("Jet overruns runway at Corvasse\n\nBy Ann Lee and Tom Berg | Corvasse Evening "
            "Herald | Sunday 8 March, 23:10\n\nTwo people were killed on Sunday when a jet "
            "overran the runway at Corvasse.")
    raw = RawDoc("r", "r.txt", "txt", text, Source(published="2026-03-08"), "r")
    mentions, _ = extract(make_nlp()(text), CleanDoc(raw, text))
    byline = text.index("Sunday 8 March")
    dates = [(m.start >= byline + 20, m.head) for m in mentions if m.kind == "date"]
    assert dates and all(head is None for story, head in dates if not story)
    assert not any("|" in m.frame for m in mentions)  # a bar the tagger calls a noun
    assert [head for story, head in dates if story] == ["kill"]


@pytest.mark.issue(14)
def test_dates_a_weekday_before_its_date_is_one_date_with_it():
    """"At 3.40am on Monday 5 October": Monday names the 5th, not the Monday before the report
    (12 October); a weekday alone is still read against the report's date."""
    text = "The blast struck at 3.40am on Monday 5 October. Crews left on Tuesday."
    got = [(d.text, d.value) for d in find_dates(text, "2026-10-13")]
    assert got == [("5 October", "2026-10-05"), ("Tuesday", "2026-10-13")]
    assert first_day("2026-10-05T03:40") == first_day("2026-10-05")


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a full month's name takes no dot: the dot ends its sentence
        ("Figures are due on 16 July.\n\n8. Of the dead, most were old.", ["2026-07-16"]),
        ("It ends on 16 July. 8 people remain in hospital.", ["2026-07-16"]),
        # an abbreviation keeps its dot
        ("It began on Sept. 8 and ended Jul. 4.", ["2026-09-08", "2026-07-04"]),
    ],
)
def test_dates_a_month_s_dot_ends_its_sentence(text, values):
    assert [d.value for d in find_dates(text, "2026-07-14")] == values
