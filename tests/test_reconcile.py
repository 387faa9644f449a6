"""Reconciliation on hand-made mentions: statuses and the false alarms it must not raise."""

import dataclasses
import math

import pytest
from reading import read

from corroborator.models import Mention
from corroborator.reconcile import facts as facts_mod
from corroborator.reconcile.facts import compatible, disputable, reconcile
from corroborator.settings import Settings

THRESHOLD = Settings().link_threshold


def mention(doc, text, value, *, kind="count", unit=None, bound="exact", low=None, high=None,
            head="member", frame=("deport",), qualifiers=(), context=None, time=None, start=0):
    sentence = context or f"The authorities deported {text} gang members to the prison."
    low = value if low is None and isinstance(value, float) else low
    high = value if high is None and isinstance(value, float) else high
    return Mention(id=f"{doc}-{start}-{text}", doc=doc, kind=kind, value=value, unit=unit,
                   text=text, start=start, end=start + len(text), sentence=sentence,
                   sent_start=start, sent_end=start + 100, bound=bound, low=low, high=high,
                   counted="gang members", head=head, qualifiers=qualifiers, frame=frame,
                   context=sentence.replace(text, "#"), time=time)


def by_status(facts):
    return sorted((f.status, sorted(m.doc for m in f.mentions)) for f in facts)


def test_reconcile_conflict_between_named_counts():
    a = mention("a", "23", 23.0, qualifiers=("MS-13",))
    b = mention("b", "21", 21.0, qualifiers=("MS13",))
    facts = reconcile([a, b], {"a": "e1", "b": "e1"}, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("conflict", ["a", "b"])]


def test_reconcile_bound_compatible_with_value_is_not_a_conflict():
    a = mention("a", "over 250", 250.0, bound="min", low=250.0, high=math.inf)
    b = mention("b", "261", 261.0)
    assert compatible(a, b, 0.005)
    facts = reconcile([a, b], {"a": "e1", "b": "e1"}, threshold=THRESHOLD, tolerance=0.005)
    assert all(f.status != "conflict" for f in facts)


def test_reconcile_other_event_is_another_fact():
    a = mention("a", "238", 238.0)
    b = mention("b", "17", 17.0)
    facts = reconcile([a, b], {"a": "e1", "b": "e2"}, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("single", ["a"]), ("single", ["b"])]


def test_reconcile_other_time_is_another_fact():
    ctx = "The prison population stood at # in that year, the group reported."
    a = mention("a", "110,000", 110000.0, head="population", context=ctx.replace("#", "110,000"), time="2024-03")
    b = mention("b", "36,000", 36000.0, head="population", context=ctx.replace("#", "36,000"), time="2021-04")
    facts = reconcile([a, b], {"a": "e1", "b": "e1"}, threshold=THRESHOLD, tolerance=0.005)
    assert all(f.status != "conflict" for f in facts)
    assert len(facts) == 2


def test_reconcile_unit_conversions_agree():
    ctx = "The prison lies # from the capital."
    a = mention("a", "72 kilometers", 72.0, kind="measure", unit="kilometers", head=None,
                context=ctx.replace("#", "72 kilometers"))
    b = mention("b", "45 miles", 45.0, kind="measure", unit="miles", head=None,
                context=ctx.replace("#", "45 miles"))
    facts = reconcile([a, b], {"a": "e1", "b": "e1"}, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("agreed", ["a", "b"])]


def test_reconcile_dates_compare_at_common_precision():
    a = mention("a", "2023", "2023", kind="date")
    b = mention("b", "March 2023", "2023-03", kind="date")
    c = mention("c", "1989", "1989", kind="date")
    assert compatible(a, b, 0.005) and not compatible(a, c, 0.005)


def test_reconcile_is_independent_of_report_order():
    ms = [mention("a", "23", 23.0, qualifiers=("MS-13",)), mention("b", "21", 21.0, qualifiers=("MS-13",)),
          mention("c", "over 250", 250.0, bound="min", low=250.0, high=math.inf, frame=("bring",))]
    events = {"a": "e1", "b": "e1", "c": "e1"}
    one = reconcile(ms, events, threshold=THRESHOLD, tolerance=0.005)
    two = reconcile(list(reversed(ms)), events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(one) == by_status(two)


def test_reconcile_label_says_what_befell_the_counted_as_written():
    """'Gang members deported', not 'gang members (deport)': the verb as the reports
    write it, after the noun when it is a participle."""
    from corroborator.reconcile.facts import fact_label

    a = mention("a", "23", 23.0)
    b = mention("b", "23", 23.0, start=40)
    assert fact_label([a, b]) == "Gang members deported"


def test_reconcile_label_subject_is_never_the_source():
    """'Ruiz said 56 people were injured' is about the injured, not about Ruiz."""
    import dataclasses

    from corroborator.reconcile.facts import fact_label, make_fact

    said = "Ruiz said 56 people were injured in the clashes."
    a = dataclasses.replace(mention("a", "56", 56.0, head="people", frame=("injure",),
                                    context=said), counted="people", said_by="Ruiz",
                            subject="Maria Ruiz")
    b = dataclasses.replace(a, id="b-56", doc="b")
    assert fact_label([a, b]) == "People injured"
    assert make_fact([a, b], "e1", 0.005).subject is None


def test_reconcile_date_of_an_act_reads_as_a_clause():
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract
    from corroborator.reconcile.facts import fact_label

    text = "The boy was hospitalized on March 3, 2025, and the council passed the harbour law."
    raw = RawDoc("r", "r.txt", "txt", text, Source(), "r")
    mentions, _ = extract(make_nlp()(text), CleanDoc(raw, text))
    (date,) = [m for m in mentions if m.kind == "date"]
    assert fact_label([date]) == "Date: boy was hospitalized"


def test_reconcile_label_says_an_irregular_verb_as_written():
    """'brought', not 'bring': the word the analysis read off each report's sentence."""
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract
    from corroborator.reconcile.facts import fact_label

    found = []
    for rid in ("a", "b"):
        text = "Rescuers brought 40 people to safety on Monday."
        raw = RawDoc(rid, f"{rid}.txt", "txt", text, Source(), rid)
        found += [m for m in extract(make_nlp()(text), CleanDoc(raw, text))[0] if m.text == "40"]
    assert [m.frame[0] for m in found] == ["bring", "bring"]
    label = fact_label(found)
    assert "brought" in label and "bring" not in label


@pytest.mark.issue(14)
def test_reconcile_a_name_beside_a_figure_is_not_its_act():
    """"Miller is averaging 15.5 points, Iguodala 14.9 points": the second figure hangs off
    a name in the parse, but a name is no predicate; its frame and its label hold only
    predicates and nouns ("averaging"), never "iguodala"."""
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract

    text = ("Andre Miller is averaging 15.5 points per game, Andre Iguodala 14.9 points, "
            "a drop of five points per game from last season.")
    raw = RawDoc("a", "a.txt", "txt", text, Source(), "a")
    found = {m.text: m for m in extract(make_nlp()(text), CleanDoc(raw, text))[0]}
    assert found, "no figure read"
    for m in found.values():
        assert not {"andre", "miller", "iguodala"} & set(m.frame), (m.text, m.frame)


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("Senator Mark Olsen said that 20 people were hospitalized in Lubbock.", "20", None),
    ("Senator Mark Olsen added that the hospital treated 20 people.", "20", None),
    ("Halvane Lines carried 142 people on the ferry.", "142", "Halvane Lines"),
])
def test_reconcile_who_says_a_figure_is_not_what_it_is_about(text, figure, subject):
    """The subject of a figure is what it counts or whose clause it is in, never the one
    who reports it: "Olsen said that 20 people were hospitalized" is not about Olsen."""
    from corroborator.models import CleanDoc, RawDoc, Source
    from corroborator.nlp import make_nlp
    from corroborator.nlp.extract import extract

    raw = RawDoc("a", "a.txt", "txt", text, Source(), "a")
    found = {m.text: m for m in extract(make_nlp()(text), CleanDoc(raw, text))[0]}
    assert found[figure].subject == subject


@pytest.mark.issue(14)
@pytest.mark.parametrize(("counted", "label"), [("and 787 planes", "Planes"),
                                                ("/ month deliveries", "Month deliveries"),
                                                ("in 5 incoming kindergartners",
                                                 "Incoming kindergartners")])
def test_reconcile_label_drops_words_that_open_a_phrase_and_name_nothing(counted, label):
    """A counted phrase the parse cut mid-sentence ("and 787 planes", "/ month") is labelled
    by what it names, not by its stray first words."""
    from corroborator.reconcile.facts import fact_label

    m = dataclasses.replace(mention("a", "40", 40.0, frame=()), counted=counted)
    assert fact_label([m]) == label


@pytest.mark.issue(14)
def test_reconcile_label_of_a_share_says_its_act_not_its_own_word():
    """"5 per cent of pupils got the jab": the first word above the figure is its own
    "cent"; the label says the act ("Share (get)")."""
    from corroborator.reconcile.facts import fact_label

    text = "5 per cent"
    m = mention("a", text, 5.0, kind="percent", unit="%", head=None, frame=("cent", "get"),
                context="Only 5 per cent of pupils got the jab.")
    m = dataclasses.replace(m, counted=None)
    label = fact_label([m])
    assert "cent" not in label and label.startswith("Share (")


def _timed_dispute(b_time):
    official = dataclasses.replace(mention("a", "18", 18.0, time="2025-02-25"),
                                   said_by="the state health department")
    claim = dataclasses.replace(mention("b", "20", 20.0, time=b_time), said_by="Kennedy")
    rough = dataclasses.replace(mention("c", "around 20", 20.0, bound="approx", low=17.0,
                                        high=23.0, time="2025-02-26"), said_by="Dr. Lee")
    events = {"a": "e1", "b": "e1", "c": "e1"}
    return reconcile([official, claim, rough], events, threshold=THRESHOLD, tolerance=0.005)


def test_reconcile_an_approximation_does_not_date_a_count_stated_exactly():
    """The state's 18 "as of Tuesday" against a secretary's 20, stated for no time: one slot
    in dispute, though a doctor's "around 20" told on Wednesday joined the 20. An
    approximation does not date a group whose exact figures give no time; when the exact 20
    is itself stated for Wednesday, the two are one slot at two times (a series)."""
    facts = _timed_dispute(None)
    assert any(f.status == "conflict" and {"a", "b"} <= {m.doc for m in f.mentions}
               for f in facts)
    facts = _timed_dispute("2025-02-26")
    assert not any(f.status == "conflict" for f in facts)


def _amount(doc, text, value, unit, *, said_by=None, day="2025-03-10"):
    sentence = f"The deal is worth {text} over five years."
    return Mention(id=f"{doc}-{text}", doc=doc, kind="amount", value=value, unit=unit,
                   text=text, start=0, end=len(text), sentence=sentence, sent_start=0,
                   sent_end=100, low=value, high=value, head="deal", frame=("worth",),
                   context=sentence.replace(text, "#"), said_by=said_by,
                   extra={"day": day} if day else {})


def test_reconcile_one_amount_in_two_currencies_agrees():
    """"€2 billion" in one report and "$2.2 billion" in another on the same day are one
    amount (the rate of 10 March 2025 makes €2 billion $2.17 billion, which "$2.2 billion"
    rounds); the fact keeps a value and the unit it is stated in."""
    euro, dollar = _amount("a", "€2 billion", 2e9, "EUR"), _amount("b", "$2.2 billion", 2.2e9, "USD")
    assert compatible(euro, dollar, 0.005)
    facts = reconcile([euro, dollar], {"a": "e1", "b": "e1"}, threshold=THRESHOLD,
                      tolerance=0.005)
    assert by_status(facts) == [("agreed", ["a", "b"])]
    assert (facts[0].value, facts[0].unit) in {(2e9, "EUR"), (2.2e9, "USD")}


def test_reconcile_amounts_in_two_currencies_can_be_disputed():
    euro = _amount("a", "€2 billion", 2e9, "EUR", said_by="the ministry")
    dollar = _amount("b", "$3 billion", 3e9, "USD", said_by="the union")
    assert not compatible(euro, dollar, 0.005)
    facts = reconcile([euro, dollar], {"a": "e1", "b": "e1"}, threshold=THRESHOLD,
                      tolerance=0.005)
    assert by_status(facts) == [("conflict", ["a", "b"])]


def test_reconcile_amounts_in_two_currencies_with_no_day_stay_apart():
    """No day, no rate: "€2 billion" and "$3 billion" are never one fact, so never a
    conflict; one currency needs no rate ("$3 billion" and "$3 billion" agree)."""
    euro = _amount("a", "€2 billion", 2e9, "EUR", said_by="the ministry", day=None)
    dollar = _amount("b", "$3 billion", 3e9, "USD", said_by="the union", day=None)
    facts = reconcile([euro, dollar], {"a": "e1", "b": "e1"}, threshold=THRESHOLD,
                      tolerance=0.005)
    assert by_status(facts) == [("single", ["a"]), ("single", ["b"])]
    again = _amount("c", "$3 billion", 3e9, "USD", day=None)
    facts = reconcile([dollar, again], {"b": "e1", "c": "e1"}, threshold=THRESHOLD,
                      tolerance=0.005)
    assert by_status(facts) == [("agreed", ["b", "c"])]


def test_reconcile_a_measure_in_two_units_compares_as_rounded():
    """"3 miles" and "5 km" (4.83 km, rounded) agree; within one unit "5 km" and "4.6 km"
    do not."""
    miles = mention("a", "3 miles", 3.0, kind="measure", unit="mile")
    km = mention("b", "5 km", 5.0, kind="measure", unit="km")
    assert compatible(miles, km, 0.005)
    assert not compatible(km, mention("c", "4.6 km", 4.6, kind="measure", unit="km"), 0.005)
    assert not compatible(miles, mention("c", "7 km", 7.0, kind="measure", unit="km"), 0.005)


def test_reconcile_a_bound_of_one_thing_is_no_figure_of_another():
    """"More than 60 firefighters" holds 148, but "148 passengers" on board counts other
    people under another act: a bound, like a range, holds many values, and that it holds a
    figure of something else is a coincidence of two slots. A bound of the same thing is
    one slot with it."""
    aboard = dataclasses.replace(
        mention("a", "148", 148.0, head="passenger", frame=("carry",),
                context="The jet was carrying 148 passengers and six crew."),
        counted="passengers")
    crews = dataclasses.replace(
        mention("b", "more than 60", 60.0, bound="min", low=60.0, high=math.inf,
                head="firefighter", frame=("send",),
                context="The fire chief said more than 60 firefighters were sent to the scene."),
        counted="firefighters")
    events = {"a": "e1", "b": "e1"}
    facts = reconcile([aboard, crews], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("single", ["a"]), ("single", ["b"])]
    passengers = dataclasses.replace(
        mention("b", "more than 140", 140.0, bound="min", low=140.0, high=math.inf,
                head="passenger", frame=("carry",),
                context="The jet was carrying more than 140 passengers."),
        counted="passengers")
    facts = reconcile([aboard, passengers], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("agreed", ["a", "b"])]


def test_reconcile_a_range_of_one_thing_is_no_figure_of_another():
    """"Between 20 and 25 vehicles" carried holds 23, but "23" people missing counts other
    things under another act: two slots, however the intervals meet. A range of the same
    thing is one slot with it."""
    missing = dataclasses.replace(mention("a", "23", 23.0, head="people", frame=("miss",),
                                          context="The union said 23 people were missing."),
                                  counted="people")
    vehicles = dataclasses.replace(
        mention("b", "between 20 and 25", 20.0, bound="range", low=20.0, high=25.0,
                head="vehicle", frame=("carry",),
                context="The ferry carried between 20 and 25 vehicles."), counted="vehicles")
    events = {"a": "e1", "b": "e1"}
    facts = reconcile([missing, vehicles], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("single", ["a"]), ("single", ["b"])]
    people = dataclasses.replace(vehicles, head="people", counted="people", frame=("miss",),
                                 context="Between 20 and 25 people were missing.")
    facts = reconcile([missing, people], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("agreed", ["a", "b"])]


def test_reconcile_counts_that_name_nothing_are_disputed_only_within_an_order_of_magnitude():
    """Two sources' bare counts are estimates of one thing only when close: a monitor's
    325,000 and the government's 107,000 (the crowd of one rally), not "212 of them"
    (polling stations) and a crowd of 8,000. Counts of a named thing keep the wider span:
    police 36,000 and organisers 400,000 people."""
    def bare(doc, value):
        return mention(doc, f"{value:,.0f}", value, head=None, frame=())

    assert disputable(bare("a", 107000.0), bare("b", 325000.0))
    assert not disputable(bare("a", 212.0), bare("b", 8000.0))
    assert disputable(mention("a", "36,000", 36000.0, head="people"),
                      mention("b", "400,000", 400000.0, head="people"))


def test_a_dispute_is_seen_only_between_figures_that_disagree():
    """'At least 300' from one source and 640 from another agree: that pair is no evidence of
    a dispute that would join their groups (an amount diverted, a bound, pulled into a
    dispute of losses); 300 against 640 is."""
    from corroborator.reconcile.facts import _dispute_or_drift

    bound = dataclasses.replace(mention("a", "at least 300", 300.0, bound="min", low=300.0,
                                        high=math.inf), said_by="the government")
    exact = dataclasses.replace(mention("a", "300", 300.0), said_by="the government")
    other = dataclasses.replace(mention("b", "640", 640.0), said_by="Ana Ruiz")
    assert not _dispute_or_drift([bound, other], [0], [1], 0.005)
    assert _dispute_or_drift([exact, other], [0], [1], 0.005)


def test_two_multipliers_are_two_comparisons_not_a_dispute():
    """'three times faster' and 'five times faster' from two sources compare two pairs of
    things: no evidence of one slot in dispute."""
    from corroborator.reconcile.facts import _dispute_or_drift

    a, b = (dataclasses.replace(mention(doc, text, value, kind="measure", head=None), unit="times",
                                said_by=who)
            for doc, text, value, who in (("a", "three", 3.0, "Apple"), ("b", "five", 5.0, "Intel")))
    assert not _dispute_or_drift([a, b], [0], [1], 0.005)
    counts = [dataclasses.replace(m, kind="count", unit=None) for m in (a, b)]
    assert _dispute_or_drift(counts, [0], [1], 0.005)


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "thing"), [
    ("Insured losses from the fire will reach about €640 million, the modeller estimated.",
     "€640 million", "loss"),
    ("The reinsurer said industry losses were likely to be around $1.1 billion.",
     "$1.1 billion", "loss"),
    ("The finance minister put the cost of the damage at €2.6bn.", "€2.6bn", "cost"),
    ("The chamber says the true bill is closer to €4bn.", "€4bn", "bill"),
    ("The business owes $45 billion.", "$45 billion", None),
    ("The firm reached $2 billion in sales.", "$2 billion", "sale"),
    ("Boeing reached $2 billion.", "$2 billion", None),
    ("Meridia puts the crew's duty at 9.5 hours.", "9.5 hours", "duty"),
    ("The crew's duty amounted to nine and a half hours.", "nine and a half hours", "duty"),
    ("The crew had been on duty for 13 hours.", "13 hours", "duty"),
    ("The bridge is 4 km long.", "4 km", None),
    ("The strike sparked five days of riots.", "five days", None),
    ("The losses are less than the $1.6 billion that analysts estimate the last strike cost.",
     "$1.6 billion", None),
])
def test_an_amount_that_qualifies_no_noun_is_the_value_of_what_a_verb_of_value_gives_it(
        text, figure, thing):
    """"Losses will reach $640 million", "the bill is closer to $4 billion", "put the cost
    at $2.6 billion", "$2 billion in sales": the amount is the value of the losses, the
    bill, the cost, the sales; "puts the crew's duty at 9.5 hours" is the duty's, and so
    is "had been on duty for 13 hours" (the state that lasted). Not how long an act went
    on ("five days of riots": told by its act, a thing that runs on) or how long a thing
    is ("4 km long"), not of a name ("Boeing reached"), nor of a verb that is no verb of value ("owes"), nor of the
    subject that a figure referred to is compared with ("less than the $1.6 billion that
    analysts estimate")."""
    mentions, _ = read(text, "2026-07-16")
    assert next(m for m in mentions if figure in m.text).head == thing


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "thing"), [
    ("The party put the turnout at 49%, well below the official figure.", "49%", "turnout"),
    ("The mission estimates turnout at about 52 per cent.", "52 per cent", None),
    ("Unemployment reached 7.5% in May.", "7.5%", "unemployment"),
    ("Support for the plan is 40%, a poll found.", "40%", "support"),
    ("It puts Velasko at 46.7% and Dusanek at 45.2%.", "46.7%", None),
    ("Turnout was 61.4% of the 8.7 million registered voters.", "61.4%", "voter"),
    ("Prices rose 5% last year.", "5%", None),
])
def test_a_share_that_names_no_whole_is_the_value_of_what_a_verb_of_value_gives_it(
        text, figure, thing):
    """"The party put the turnout at 49%", "unemployment reached 7.5%", "support is 40%":
    the share is the turnout's, the unemployment's, the support's, so the party's 49% and
    a commission's "turnout of 61.4%" are figures of one thing, and "puts Velasko at
    46.7%" is not (a name is whose share it is, not what). A share of a whole named ("of
    the registered voters") keeps it; a change ("rose 5%") is of no thing. (The parser
    takes "estimates turnout" for two verbs: no thing is better than a wrong one.)"""
    mentions, _ = read(text, "2026-04-20")
    assert next(m for m in mentions if figure in m.text).head == thing


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "head", "definite"), [
    ("The aircraft was 14 years old, according to fleet data.", "14 years old", "aircraft",
     True),
    ("The 12-year-old aircraft had completed its last check on 19 February 2026.",
     "12-year-old", "aircraft", True),
    ("A 34-year-old man was arrested on Friday.", "34-year-old", "man", False),
    ("Records show the jet was delivered in 2012, making it 14 years old.", "14 years old",
     None, False),
])
def test_an_age_is_a_property_of_its_thing_not_of_the_act_or_the_date_of_its_clause(
        text, figure, head, definite):
    """"The aircraft was 14 years old" and "the 12-year-old aircraft" are both the
    aircraft's age: one kind (a measure in years old), the aircraft its thing, no act (the
    check the aircraft completed is not what its age measures) and no time (its clause's
    date is the check's or the delivery's, not the age's). "The" names one thing the
    reader knows; "a 34-year-old man" brings in someone new."""
    mentions, _ = read(text, "2026-03-10")
    m = next(m for m in mentions if figure in m.text)
    assert (m.kind, m.unit, m.head) == ("measure", "years old", head)
    assert facts_mod.act(m) is None and m.time is None
    assert bool(m.extra.get("definite")) is definite


@pytest.mark.issue(14)
@pytest.mark.parametrize(("texts", "docs", "one_slot"), [
    (("The aircraft was 14 years old, fleet data show.",
      "The 12-year-old aircraft had completed its last check."), ("a", "b"), True),
    (("The 58-year-old passenger died on Monday.", "The 67-year-old man died on Sunday."),
     ("a", "b"), False),
    (("A 34-year-old man was arrested.", "A 29-year-old man was arrested."), ("a", "b"),
     False),
    (("The aircraft was 14 years old, fleet data show.",
      "The 12-year-old aircraft had completed its last check."), ("a", "a"), False),
])
def test_two_reports_giving_the_age_of_one_thing_dispute_it(texts, docs, one_slot):
    """An aircraft has one age: "the aircraft was 14 years old" in one report and "the
    12-year-old aircraft" in another, its own statement, are one slot in dispute, whoever
    says each. Not the ages of two things (a passenger and a man), nor of two people each
    brought in by "a", nor two ages in one report."""
    ages = []
    for doc, text in zip(docs, texts, strict=True):
        m = next(m for m in read(text, "2026-03-10")[0] if m.unit == "years old")
        ages.append(dataclasses.replace(m, doc=doc, id=f"{doc}-{m.id}"))
    a, b = ages
    assert facts_mod.one_age(a, b, facts_mod.thing(a), facts_mod.thing(b)) is one_slot


@pytest.mark.issue(14)
def test_two_estimates_of_one_loss_are_a_dispute_and_a_bound_of_another_act_stays_apart():
    """A modeller's €640 million of insured losses and a reinsurer's €1.1 billion are two
    sources' estimates of one loss: a dispute. A threshold that insurers' programmes
    "attach above" (€250 million, a bound that holds both figures) measures another act,
    and joins neither."""
    def amount(doc, sentence, text, value, bound, head, frame, said_by):
        low, high = (value, math.inf) if bound == "min" else (value * 0.95, value * 1.05)
        start = sentence.index(text)
        return Mention(id=f"{doc}-{text}", doc=doc, kind="amount", value=value, unit="EUR",
                       text=text, start=start, end=start + len(text), sentence=sentence,
                       sent_start=0, sent_end=len(sentence), bound=bound, low=low, high=high,
                       head=head, counted=head and "losses", frame=frame,
                       context=sentence.replace(text, "#"), said_by=said_by,
                       extra={"day": "2026-07-16"})

    modeller = amount("a", "Insured losses will reach about €640 million, the modeller said.",
                      "about €640 million", 640e6, "approx", "loss", ("reach",), "the modeller")
    reinsurer = amount("b", "Industry losses were likely to be around €1.1 billion, the "
                       "reinsurer said.", "around €1.1 billion", 1.1e9, "approx", "loss", (),
                       "the reinsurer")
    threshold = amount("c", "Market sources said programmes typically attach above €250 "
                       "million.", "above €250 million", 250e6, "min", None,
                       ("attach", "programme"), "market sources")
    facts = reconcile([modeller, reinsurer, threshold], {"a": "e1", "b": "e1", "c": "e1"},
                      threshold=Settings().link_threshold, tolerance=Settings().value_tolerance)
    assert sorted((f.status, len(f.mentions)) for f in facts) == [("conflict", 2), ("single", 1)]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("x", "y", "agree"), [
    (4300.0, 4500.0, False),  # "about 4,300" and "about 4,500": hundreds apart
    (20.0, 25.0, True),  # "about 20" and "about 25": one figure, said to the ten
    (1.5e6, 2e6, True),  # "about 1.5 million", "about 2 million": said to the million
    (2.5, 2.7, False),
])
def test_two_approximations_agree_only_when_they_round_to_one_figure(x, y, agree):
    """"About 4,300" evacuated and "about 4,500": two figures, each stated to the hundred,
    that no rounding makes one; "about 20" and "about 25" may be. An approximation against
    an exact figure keeps its wider interval ("about 1,200" holds 1,230)."""
    a = mention("a", f"about {x:g}", x, bound="approx", low=0.85 * x, high=1.15 * x)
    b = mention("b", f"about {y:g}", y, bound="approx", low=0.85 * y, high=1.15 * y)
    assert compatible(a, b, 0.005) is agree
    exact = mention("c", "1,230", 1230.0)
    about = mention("d", "about 1,200", 1200.0, bound="approx", low=1020.0, high=1380.0)
    assert compatible(about, exact, 0.005)


@pytest.mark.issue(14)
@pytest.mark.parametrize(("values", "statuses"), [
    ((4300.0, 4500.0), [("conflict", 2)]),
    ((1.0, 3.0), [("single", 1), ("single", 1)]),
])
def test_an_estimate_whose_noun_goes_unsaid_counts_the_people_of_its_act(values, statuses):
    """The office's "about 4,300 people have been evacuated" and the officials' "about
    4,500 had been evacuated" are two sources' estimates of one slot: a dispute, though the
    second leaves "people" unsaid. Small counts are counted one by one and said in full:
    "injuring three" is not disputed by "one person was seriously injured"."""
    x, y = values
    said = [(f"About {x:g} people have been evacuated, the office said.", f"{x:g}", x,
             "people", "the office"),
            (f"Officials said about {y:g} had been evacuated.", f"{y:g}", y, None, "officials")]
    ms = []
    for doc, (sentence, text, value, head, who) in zip("ab", said):
        m = mention(doc, text, value, bound="approx" if value > 100 else "exact",
                    low=0.85 * value, high=1.15 * value, head=head, frame=("evacuate",),
                    context=sentence, start=sentence.index(text))
        ms.append(dataclasses.replace(m, said_by=who, counted=head, extra={"day": "2026-07-06"}))
    facts = reconcile(ms, {"a": "e1", "b": "e1"}, threshold=Settings().link_threshold,
                      tolerance=Settings().value_tolerance)
    assert sorted((f.status, len(f.mentions)) for f in facts) == statuses


@pytest.mark.issue(14)
def test_a_bound_and_a_figure_that_names_nothing_under_no_act_stay_apart():
    """"Testified over three days" (a bound, its verb lost to the parse) holds "three
    days of deliberations", but nothing beyond the interval says the two are one: two
    slots. A bound and a figure that each name what they count are judged as before."""
    def days(doc, sentence, text, value, bound, frame):
        m = mention(doc, text, value, kind="duration", unit="day", bound=bound,
                    high=math.inf if bound == "min" else None, head=None, frame=frame,
                    context=sentence, start=sentence.index(text))
        return dataclasses.replace(m, counted=None)

    testimony = days("a", "The finance chief testified over three days.", "over three days",
                     3.0, "min", ("day",))
    deliberation = days("b", "Jurors convicted him after three days of deliberations.",
                        "three days", 3.0, "exact", ("day", "convict"))
    facts = reconcile([testimony, deliberation], {"a": "e1", "b": "e1"},
                      threshold=Settings().link_threshold, tolerance=Settings().value_tolerance)
    assert len(facts) == 2


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "now"), [
    ("The business owes $45 billion.", "$45 billion", True),
    ("The strike hit a company that is already wallowing in $60 billion debt.",
     "$60 billion", True),
    ("She was also ordered to forfeit $14 million.", "$14 million", False),
    ("The firm paid $2 million to settle the case in 2019.", "$2 million", False),
])
def test_a_sum_told_in_the_present_is_the_state_of_its_thing(text, figure, now):
    """"The business owes $45 billion", "a company that is wallowing in $60 billion debt":
    a sum told in the present is its thing's as the story is told. A sum of a past act
    ("was ordered to forfeit", "paid") is that act's."""
    mentions, _ = read(text, "2024-09-14")
    assert bool(next(m for m in mentions if figure in m.text).extra.get("now")) is now


@pytest.mark.issue(14)
@pytest.mark.parametrize(("texts", "statuses"), [
    # two outlets' own sums of one debt, in the present: one slot in dispute
    (("Workers walked out at a company that is already wallowing in $60 billion debt.",
      "The business owes $45 billion."), [("conflict", 2)]),
    # sums of past acts, which may be two acts (two defendants' forfeitures)
    (("She was also ordered to forfeit $14 million.",
      "The judge ordered him to forfeit $412 million."), [("single", 1), ("single", 1)]),
    # sums of two things, though both in the present
    (("The business owes $45 billion.", "The airline is worth $12 billion."),
     [("single", 1), ("single", 1)]),
])
def test_two_outlets_own_sums_of_one_thing_in_the_present_are_a_dispute(texts, statuses):
    """Two outlets that each state, in their own voice, what a company owes now ("$60
    billion debt", "owes $45 billion") disagree about one slot: a conflict, though neither
    names a source. Not the sums of two past acts (a forfeiture each of two defendants was
    ordered), nor of two things (a debt and a worth)."""
    mentions = []
    for doc, text in zip(("a", "b"), texts, strict=True):
        (m,) = [m for m in read(text, "2024-09-14")[0] if m.kind == "amount"]
        mentions.append(dataclasses.replace(m, doc=doc, id=f"{doc}-{m.id}"))
    facts = reconcile(mentions, {"a": "e1", "b": "e1"},
                      threshold=Settings().link_threshold, tolerance=Settings().value_tolerance)
    assert sorted((f.status, len(f.mentions)) for f in facts) == statuses


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "of_pronoun"), [
    ("You cannot argue away 212 of them.", "212", True),
    ("Three of these were arrested.", "Three", True),
    ("Police detained 20 of those who marched.", "20", False),
    ("Police detained 20 of the marchers.", "20", False),
])
def test_a_count_of_a_bare_pronoun_is_a_part_of_a_whole_unnamed(text, figure, of_pronoun):
    """"212 of them": a part of what the pronoun stands for, which the sentence does not
    say; "20 of those who marched" and "20 of the marchers" say whom."""
    mentions, _ = read(text, "2026-04-20")
    m = next(m for m in mentions if m.text == figure)
    assert bool(m.extra.get("of_pronoun")) is of_pronoun


@pytest.mark.issue(14)
def test_a_count_of_a_bare_pronoun_is_no_side_of_a_dispute():
    """A pundit's "you cannot argue away 212 of them" and a commission's "47 polling
    stations acknowledged" are two sources' counts naming nothing alike, within a factor of
    ten: without the pronoun's whole, nothing says they count one thing. Equal figures
    still agree."""
    pundit = dataclasses.replace(
        mention("a", "212", 212.0, head=None, frame=(),
                context='"You cannot argue away 212 of them," said Rada Penn.'),
        counted=None, said_by="Rada Penn", extra={"of_pronoun": True})
    commission = dataclasses.replace(
        mention("b", "47", 47.0, head=None, frame=("acknowledge",),
                context="Volunteers recorded 300, against the 47 acknowledged by the commission."),
        counted=None, said_by="the commission")
    events = {"a": "e1", "b": "e1"}
    facts = reconcile([pundit, commission], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("single", ["a"]), ("single", ["b"])]
    # the same pair, its pronoun not marked and under one act, is judged a dispute
    without = dataclasses.replace(pundit, extra={}, frame=("acknowledge",))
    scorer = facts_mod.Scorer([without, commission])
    scorer.score(0, 1)
    assert scorer.disputes


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "kind", "head"), [
    ("Some reports say 90 days, the union says 120.", "120", "duration", None),
    ("Police said 40 people were hurt; the hospital said 35.", "35", "count", "people"),
    ("The state reported 40 cases in May and 35 in June.", "35", "count", "case"),
    ("Police arrested 20 people and said 3 were injured.", "3", "count", None),
    ("You cannot argue away 212 of them, the union said of its 300 members.", "212", "count",
     None),
])
def test_a_bare_number_answering_a_figure_under_the_same_verb_counts_what_it_counts(
        text, figure, kind, head):
    """"Some reports say 90 days, the union says 120": the 120 is days, the unit left out
    because the sentence has just said it; "the hospital said 35" counts the people hurt;
    "35 in June" the cases. Not a number under another verb ("said 3 were injured": the
    arrests are another act), nor a part "of them"."""
    mentions, _ = read(text, "2026-03-28")
    m = next(m for m in mentions if m.text == figure)
    assert (m.kind, m.head) == (kind, head)
    if kind == "duration":
        assert (m.value, m.unit) == (120.0, "day")


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "head"), [
    ("The league says 52,000 people attended, below the stadium's capacity of 55,000.",
     "55,000", None),
    ("The league says 52,000 people attended, against a figure of 61,000 from police.",
     "61,000", "people"),
])
def test_a_bare_number_that_is_the_value_of_its_own_noun_answers_no_figure(text, figure, head):
    """"The stadium's capacity of 55,000": the number is the capacity's, which its noun
    says, not another count of the people the sentence has just counted; a figure or an
    estimate "of" a number leaves what it counts to the sentence ("a figure of 61,000")."""
    mentions, _ = read(text, "2026-05-13")
    assert next(m for m in mentions if m.text == figure).head == head


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "head"), [
    ("At least 40 people were killed and 120 were wounded.", "120", "people"),
    ("The coast guard ended its search with 19 people still missing and 11 confirmed dead.",
     "11", "people"),
    ("Four people have died and three remain missing, officials said.", "three", "people"),
    ("Police arrested 20 people and 3 were injured.", "3", None),
    ("The aftershock struck at noon, killing three people and injuring 27.", "27", "people"),
])
def test_a_bare_number_that_is_the_subject_of_a_joined_clause_counts_what_the_first_counts(
        text, figure, head):
    """"40 people were killed and 120 were wounded": the 120 are people, the noun left out
    because the clause joined to the first has just said it. Not when the first figure is
    the object of its verb ("arrested 20 people and 3 were injured"): the clause joined to
    it tells of its subject, not of the people arrested."""
    mentions, _ = read(text, "2026-03-28")
    assert next(m for m in mentions if m.text.lower() == figure.lower()).head == head


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "has", "lacks"), [
    ("Four people have died and three remain missing, officials said.", "three", "miss", "die"),
    ("The search ended with 19 people still missing and 11 confirmed dead.", "11", "dead",
     "miss"),
])
def test_a_figure_of_a_joined_clause_is_framed_by_its_own_clause(text, figure, has, lacks):
    """"Four people have died and three remain missing": the three are missing, not dead;
    the clause joined to the first has a subject of its own, so its figure's act is its
    own verb and the state that verb puts it in, not the first clause's verb."""
    mentions, _ = read(text, "2026-03-28")
    m = next(m for m in mentions if m.text.lower() == figure.lower())
    assert has in m.frame and lacks not in m.frame


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "head"), [
    ("The ferry carried 142 people, including a crew of 11.", "11", "crew"),
    ("A crowd of 10,000 gathered outside parliament.", "10,000", "crowd"),
    ("The toll stood at 58 of the 300 passengers.", "58", "passenger"),
])
def test_the_size_of_a_body_of_people_counts_that_body(text, figure, head):
    """"A crew of 11" counts the crew, "a crowd of 10,000" the crowd: a figure with no noun
    of its own after "of" a noun for a body of people is that body's size, not a count of
    nothing that any other 11 may join (eleven dead)."""
    mentions, _ = read(text, "2026-03-28")
    assert next(m for m in mentions if m.text == figure).head == head


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "head"), [
    (("The agency says about 12,000 people have been displaced by the quake. The mayor of "
     "the town puts the number at more than 40,000."), "40,000", "people"),
    (("The agency says about 12,000 people have been displaced. The mayor puts the number of "
     "destroyed homes at 4,000."), "4,000", "home"),
    (("The agency says about 12,000 people have been displaced. The river rose all night. "
     "The mayor puts the number at more than 40,000."), "40,000", None),
])
def test_a_tally_said_without_its_of_counts_what_the_count_before_it_counts(
        text, figure, head):
    """"About 12,000 people have been displaced ... the mayor puts the number at more than
    40,000": the mayor's number is of the people displaced, told just before, and so
    under that act, one slot with the agency's 12,000. A number said with its "of" counts
    what it says; a count further back than the sentence before is not what it refers to."""
    mentions, _ = read(text, "2026-02-19")
    m = next(m for m in mentions if m.text.endswith(figure))
    assert m.head == head
    if head == "people":
        assert "displace" in m.frame


@pytest.mark.issue(14)
def test_a_mayors_number_against_the_agencys_count_before_it_is_a_dispute():
    """The agency's 12,000 displaced and the mayor's number put at more than 40,000, the
    sentence after, are one slot with two sources: a conflict, not two facts."""
    mentions, _ = read("The National Civil Protection Agency says about 12,000 people have "
                       "been displaced by the quake. Ana Belcic, the mayor of Korvash, puts "
                       "the number at more than 40,000.", "2026-02-19")
    figures = [m for m in mentions if m.kind == "count"]
    facts = reconcile(figures, {"r1": "e1"}, threshold=THRESHOLD,
                      tolerance=Settings().value_tolerance, context="minilm")
    assert [(f.status, len(f.mentions)) for f in facts] == [("conflict", 2)]



@pytest.mark.issue(14)
def test_two_reports_ages_of_one_thing_are_one_fact_in_conflict():
    """Judged one slot pair by pair, the aircraft's 14 years in one report and its 12 in
    another must also meet as groups: one fact, in conflict, though neither report names
    a source and the two ages are not close."""
    ages = []
    for doc, text in (("a", "The aircraft was 14 years old, fleet data show."),
                      ("b", "The 12-year-old aircraft had completed its last check.")):
        m = next(m for m in read(text, "2026-03-10")[0] if m.unit == "years old")
        ages.append(dataclasses.replace(m, doc=doc, id=f"{doc}-{m.id}"))
    facts = reconcile(ages, {"a": "e1", "b": "e1"}, threshold=THRESHOLD,
                      tolerance=Settings().value_tolerance, context="minilm")
    assert [(f.status, len(f.mentions)) for f in facts] == [("conflict", 2)]


@pytest.mark.issue(14)
def test_reconcile_two_equal_bounds_of_unlike_things_under_unlike_acts_are_two_slots():
    """"More than 3,000 homes" destroyed and "more than 3,000 rescuers" who joined the
    search: the same words of a bound, but two nouns not one in other words, each under
    its own act, and the acts unlike: two slots. Under one act ("destroyed"), a bound of
    homes and one of houses stay one slot."""
    def bound(doc, noun, act, context):
        return dataclasses.replace(
            mention(doc, "more than 3,000", 3000.0, bound="min", low=3000.0, high=math.inf,
                    head=noun, frame=(act,), context=context), counted=f"{noun}s")
    homes = bound("a", "home", "destroy", "More than 3,000 homes have been destroyed.")
    rescuers = bound("b", "rescuer", "join", "More than 3,000 rescuers joined the search.")
    events = {"a": "e1", "b": "e1"}
    facts = reconcile([homes, rescuers], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("single", ["a"]), ("single", ["b"])]
    houses = bound("b", "house", "destroy", "More than 3,000 houses were destroyed.")
    facts = reconcile([homes, houses], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(facts) == [("agreed", ["a", "b"])]


def _read_as(doc, text, figure):
    """The mention holding ``figure`` in ``text``, read as report ``doc``."""
    mentions, _ = read(text, "2026-04-15")
    m = next(m for m in mentions if m.text == figure)
    return dataclasses.replace(m, doc=doc, id=f"{doc}-{m.id}")


@pytest.mark.issue(14)
def test_small_counts_of_unlike_things_are_two_slots():
    """"Three bridges were destroyed", "the spillway's three radial gates" and "a panel of
    three engineers": a small whole number recurs by chance, so equal values of unlike
    things are three slots. Nouns of people that may name the same people ("the three
    victims", "three passengers lost their lives") are not kept apart by it."""
    bridges = _read_as("a", "Three bridges were destroyed by the surge.", "Three")
    gates = _read_as("b", "The authority said one of the spillway's three radial gates had "
                          "failed.", "three")
    engineers = _read_as("c", "She said an independent panel of three engineers would "
                              "examine the failed gate.", "three")
    scorer = facts_mod.Scorer([bridges, gates, engineers])
    assert all(scorer.small_unlike(i, j) for i, j in ((0, 1), (0, 2), (1, 2)))
    events = {"a": "e1", "b": "e1", "c": "e1"}
    found = reconcile([bridges, gates, engineers], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(found) == [("single", ["a"]), ("single", ["b"]), ("single", ["c"])]
    victims = _read_as("a", "The three victims were all seated above the right wing.", "three")
    passengers = _read_as("b", "The airline confirmed that three passengers lost their lives.",
                          "three")
    assert not facts_mod.Scorer([victims, passengers]).small_unlike(0, 1)


@pytest.mark.issue(14)
def test_a_part_is_never_the_whole_it_is_a_part_of():
    """"Four of the six gates were open": the four is a part of the six, so the part and
    its whole are never one slot, nor a dispute, in one report or across two ("only two of
    the six north gates were open" elsewhere)."""
    text = "According to the league, four of the six gates at the north end were open."
    four, six = _read_as("a", text, "four"), _read_as("a", text, "six")
    assert four.extra.get("of_total") == 6.0 and "of_total" not in six.extra
    two = _read_as("b", "According to the fans, only two of the six north gates were open.",
                   "two")
    assert facts_mod.cannot_link(four, six) and facts_mod.cannot_link(six, two)
    assert not facts_mod.cannot_link(four, two)


@pytest.mark.issue(14)
def test_a_duration_that_gives_only_its_unit_answers_the_one_before_it():
    """"Police say fans were held outside for 40 minutes; the alliance says 90 minutes":
    the 90 minutes are of the holding too, the act left out because the sentence has just
    said it; a duration under another verb keeps its own ("the strike lasted 40 days, and
    workers were out for 12 days")."""
    text = ("Police say fans at the north end were held outside for 40 minutes; the "
            "supporters' alliance says 90 minutes.")
    forty, ninety = _read_as("a", text, "40 minutes"), _read_as("a", text, "90 minutes")
    assert facts_mod.act(ninety) == facts_mod.act(forty) == "hold"
    other = _read_as("a", "The strike lasted 40 days, and workers were out for 12 days in "
                          "2019.", "12 days")
    assert facts_mod.act(other) is None


@pytest.mark.issue(14)
def test_the_day_a_figure_of_a_past_event_was_said_is_not_the_time_it_is_stated_for():
    """"On Monday gave the first police estimate of the crowd, saying 61,000 people had
    been inside the stadium": Monday is when it was said, and a crowd does not run on, so
    the figure is of the final, not of Monday, and may dispute the league's 52,000. A toll
    risen on a day is stated for that day, and a tally said to stand still ("still in
    hospital") for the day it was said."""
    crowd = _read_as("a", "Police commissioner Idris Kallan on Monday gave the first police "
                          "estimate of the crowd, saying 61,000 people had been inside the "
                          "stadium.", "61,000")
    assert crowd.extra.get("said_on") and crowd.time is not None
    assert facts_mod._stated_time(crowd) is None
    toll_day = _read_as("a", "The death toll rose to 21 on Wednesday.", "21")
    assert not toll_day.extra.get("said_on") and facts_mod._stated_time(toll_day) == toll_day.time
    still = _read_as("a", "The ministry said on Saturday that 18 people were still in hospital.",
                     "18")
    assert still.extra.get("said_on") and facts_mod._stated_time(still) == still.time


@pytest.mark.issue(14)
def test_reconcile_a_time_of_day_is_stated_with_its_date_and_never_disputed():
    """"At 3.40am on Monday 5 October" is a date at the precision of the minute; outlets time
    one moment minutes apart ("about 9.40pm", "21:47"), so two times of one day agree,
    and a time agrees with its day; two days do not."""
    (m,) = [m for m in read("The blast struck at 3.40am on Monday 5 October 2026.")[0]
            if m.kind == "date"]
    assert m.value == "2026-10-05T03:40"
    at = [mention(d, "at", v, kind="date") for d, v in (
        ("a", "2026-10-05T03:40"), ("b", "2026-10-05T03:45"), ("c", "2026-10-05"),
        ("d", "2026-10-06T03:40"))]
    assert compatible(at[0], at[1], 0.005) and compatible(at[0], at[2], 0.005)
    assert not compatible(at[0], at[3], 0.005)


@pytest.mark.issue(14)
def test_the_day_of_the_papers_that_give_a_figure_is_the_time_it_is_stated_for():
    """"The Health Ministry's Wednesday update put the toll at 163 injured": the update is of
    Wednesday, so the figure is stated for Wednesday, as "the update issued on Wednesday"
    would be; "the 1789 Wartime Act" is still a name, not the time of a figure."""
    text = "The Health Ministry's Wednesday update put the toll at 21 dead and 163 injured."
    update = next(m for m in read(text)[0] if m.text == "163")  # a report of Tuesday 10 March
    assert update.time == "2026-03-04"
    act = next(m for m in read("The 1789 Wartime Act allowed 30 deportations.")[0]
               if m.text == "30")
    assert act.time is None


@pytest.mark.issue(14)
def test_a_limit_is_no_side_of_a_dispute_over_what_it_limits():
    """"The register lists the ferry as certified for 280 passengers" and "the manifest
    listed 312 passengers": what a ship may carry and what it carried are two slots, so two
    sources' figures of them are no dispute; two sources' limits are ("the operator says it
    was licensed for 350 passengers")."""
    limit = _read_as("a", "The regulator's register lists the ferry as certified for 280 "
                          "passengers.", "280")
    carried = _read_as("b", "The operator said its manifest listed 312 passengers.", "312")
    other_limit = _read_as("c", "The operator says the ferry was licensed to carry up to 350 "
                                "passengers.", "up to 350")
    assert facts_mod.role(limit) == facts_mod.role(other_limit) == "limit"
    assert facts_mod.role(carried) is None
    assert facts_mod.limit_and_actual(limit, carried)
    assert not facts_mod.limit_and_actual(limit, other_limit)
    events = {"a": "e1", "b": "e1"}
    found = reconcile([limit, carried], events, threshold=THRESHOLD, tolerance=0.005)
    assert by_status(found) == [("single", ["a"]), ("single", ["b"])]
    tonnes = _read_as("d", "The consent sets a maximum of 250 tonnes.",
                      "a maximum of 250 tonnes")
    assert facts_mod.role(tonnes) == "limit"  # the unit is not the word read for its role


@pytest.mark.issue(14)
def test_a_count_made_one_by_one_is_no_estimate_of_a_large_one():
    """"Four people were still in hospital" and "employs about 250 people": a count under a
    hundred is made one by one, so a larger figure disputes it only within a factor of
    ten (the commission's 47 stations, the observers' "more than 300"); and the number one
    dials ("call the emergency number, 112") is no figure at all."""
    four = _read_as("a", "Four people were still in hospital on Wednesday, the ministry said.",
                    "Four")
    staff = _read_as("b", "Company filings show the plant employs about 250 people.",
                     "about 250")
    assert not disputable(four, staff)
    assert disputable(four, dataclasses.replace(staff, value=9.0))
    assert disputable(dataclasses.replace(four, value=47.0), staff)  # within ten times
    texts = [m.text for m in read("Anyone who feels unwell should call the emergency number, "
                                  "112, the county said. Dial 999 in an emergency.")[0]]
    assert "112" not in texts and "999" not in texts


@pytest.mark.issue(14)
def test_a_measure_that_names_no_noun_is_of_what_it_holds_or_its_subject_is():
    """"Waves were about 2.5 metres", say the operators; "waves in the strait reached 4.5
    metres", says the institute: one thing measured, so two sources' figures are a
    dispute. The thing is the noun a measure is "of" ("waves of 4.5 metres", "180 tonnes
    of vinyl chloride") or the subject of the verb it completes; never a speaker."""
    low = _read_as("a", "The operator has said waves were about 2.5 metres when the ferry "
                        "sailed.", "about 2.5 metres")
    high = _read_as("b", "The institute said waves in the strait reached 4.5 metres.",
                    "4.5 metres")
    buoy = _read_as("c", "The buoy recorded waves of 4.5 metres.", "4.5 metres")
    gas = _read_as("d", "The plant held 180 tonnes of vinyl chloride.", "180 tonnes")
    said = _read_as("e", "Dravik says 180 tonnes.", "180 tonnes")
    quake = _read_as("f", "A quake with a magnitude of 6.1 struck the port.", "6.1")
    assert [m.extra.get("holder") for m in (low, buoy, gas, said, quake)] == [
        "wave", "wave", "chloride", None, None]  # a magnitude is no thing measured
    assert facts_mod.same_thing(low, high, facts_mod.thing(low), facts_mod.thing(high))
    found = reconcile([low, high], {"a": "e1", "b": "e1"}, threshold=THRESHOLD,
                      tolerance=0.005)
    assert [f.status for f in found] == ["conflict"]


def _reports(texts, days=None):
    """The facts of one report per text (reports "a", "b", ... of one event, each of its
    day in ``days`` if given): (status, values) of each, sorted."""
    docs = "abcdefgh"[: len(texts)]
    mentions = []
    for doc, day, text in zip(docs, days or [None] * len(texts), texts, strict=True):
        mentions += [dataclasses.replace(m, doc=doc, id=f"{doc}-{m.id}",
                                         extra={**m.extra, "day": day} if day else m.extra)
                     for m in read(text)[0] if m.kind == "count" or m.kind == "amount"]
    facts = reconcile(mentions, dict.fromkeys(docs, "e1"),
                      threshold=Settings().link_threshold, tolerance=Settings().value_tolerance)
    return sorted((f.status, sorted(m.value for m in f.mentions)) for f in facts)


@pytest.mark.issue(14)
def test_one_sentence_setting_two_sources_figures_against_each_other_is_a_dispute():
    """"The union says 400 workers were on the shift, while the company puts the crew at
    260": the sentence sets the two sources' figures of one slot against each other, in
    other words ("workers", "the crew"), so the other reports' 400 and 260 are one slot
    in dispute too."""
    assert _reports((
        ("The union says 400 workers were on the night shift, while the company puts the crew "
        "at 260."),
        "The company said 260 staff were working.",
        "There were 400 workers on shift, the union said.")) == [
        ("conflict", [260.0, 260.0, 400.0, 400.0])]


@pytest.mark.issue(14)
def test_a_figure_a_later_report_corrects_is_no_earlier_tally():
    """A later report's "has been fined €2.1 million, not the €1.2 million it quotes" is no
    running total grown since the earlier report's €1.2 million: the sentence says the two
    are live side by side, one of them wrong, so the two are one slot in dispute."""
    texts = (("Dornvale has paid its fines in full. The fines in that period came to "
              "€1.2 million, a spokesman for the company said on Thursday."),
             ("Over the past five years Dornvale has been fined €2.1 million for safety "
              "breaches, not the €1.2 million it quotes."))
    assert _reports(texts, days=("2026-08-06", "2026-08-12")) == [
        ("conflict", [1.2e6, 1.2e6, 2.1e6])]


@pytest.mark.issue(14)
def test_a_sources_figure_set_against_anothers_is_told_not_done():
    """"Against the league's figure of about 52,000": a figure is what the league tells, no
    act it did (as a demand or an offer would be), so the sentence sets two sources'
    accounts of one crowd against each other, and the other reports' figures join them."""
    assert _reports((
        ("The police chief said 61,000 people had been inside the stadium, against the "
         "league's figure of about 52,000."),
        "The league said 52,000 spectators attended the final.",
        "Police said 61,000 fans were inside the ground.")) == [
        ("conflict", [52000.0, 52000.0, 61000.0, 61000.0])]


@pytest.mark.issue(14)
def test_two_sources_offers_in_one_sentence_are_two_offers():
    """"The council has promised 20,000 euros to each family, and the airline has offered
    an advance of 5,000": what each source wills (a pledge, an offer), not two accounts of
    one figure."""
    assert _reports((
        ("The council has promised 20,000 euros to each family, and the airline has offered "
        "an advance of 5,000 euros."),
        "The airline has offered families an advance of 5,000 euros.",
        "The council promised 20,000 euros to the family of each victim.")) == [
        ("agreed", [5000.0, 5000.0]), ("agreed", [20000.0, 20000.0])]


@pytest.mark.issue(14)
def test_a_figure_a_sentence_denies_is_one_slot_in_dispute_with_its_correction():
    """"The crew were working 480 metres below ground, not 420 metres as the operator has
    claimed": the report corrects the operator's figure of the same slot, in its own voice;
    one fact in conflict, not one voice contradicting itself."""
    mentions = [m for m in read("The crew were working 480 metres below ground, not 420 metres "
                                "as the operator has claimed.")[0] if m.kind == "measure"]
    facts = reconcile(mentions, {"r1": "e1"}, threshold=Settings().link_threshold,
                      tolerance=Settings().value_tolerance)
    assert [(f.status, sorted(m.value for m in f.mentions)) for f in facts] == [
        ("conflict", [420.0, 480.0])]


@pytest.mark.issue(14)
def test_a_toll_and_a_tally_that_names_no_toll_are_no_dispute():
    """"The toll stood at 53" (the dead) and "the real figure was more than 400" (of what,
    the sentence does not say): nothing says they count one thing, so two sources'
    figures of them are no dispute."""
    assert _reports((
        "The toll stood at 53 on Sunday night, the coast guard said.",
        "Survivors insist the real figure was more than 400, the association said.",
        "The weather was calm.")) == [("single", [53.0]), ("single", [400.0])]


def _mentions_of(texts, kind, published="2026-03-12", *, first=False):
    """The mentions of one kind in made-up reports "a", "b", ..., read as the pipeline reads
    them (``first``: each report's first one only)."""
    out = []
    for doc, text in zip("abcdef", texts):
        found = [m for m in read(text, published)[0] if m.kind == kind]
        out += [dataclasses.replace(m, doc=doc, id=f"{doc}-{m.id}")
                for m in (found[:1] if first else found)]
    return out


@pytest.mark.issue(14)
@pytest.mark.parametrize(("texts", "one_slot"), [
    (("The company said 41 attended the meeting.", "The union says 60."), False),
    (("Police said 7,000 marched.", "Organisers said 55,000 marched."), True),
])
def test_two_figures_that_name_nothing_are_one_slot_in_dispute_only_under_one_act(texts,
                                                                                 one_slot):
    """Two sources' figures that name nothing they count are one slot in dispute only when
    one act governs both ("7,000 marched", "55,000 marched"): "41 attended" and a bare
    "says 60" share nothing but the story they are told in."""
    a, b = _mentions_of(texts, "count")
    assert facts_mod.thing(a) is None and facts_mod.thing(b) is None
    assert facts_mod.Scorer([a, b]).judged_blind(0, 1) is one_slot


@pytest.mark.issue(14)
def test_two_days_mornings_are_no_date_in_dispute():
    """"The lines remained closed on Wednesday morning" and "the metro reopened on Thursday
    morning": the parse makes the morning what each date dates, but a part of a day is no
    thing two reports could disagree about."""
    dates = _mentions_of(["All three lines remained closed on Wednesday morning.",
                          "The metro reopened on Thursday morning, officials said."], "date",
                         "2026-07-17", first=True)
    assert [facts_mod.thing(m) for m in dates] == ["morning", "morning"]
    assert not facts_mod.Scorer(dates).judged_blind(0, 1)
    assert not facts_mod._dispute_or_drift(dates, [0], [1], Settings().value_tolerance)


@pytest.mark.issue(14)
def test_a_byline_date_is_no_side_of_a_dispute():
    """A byline's or a dateline's date ("KBC News | Sunday 14 June 2026", "Varos, 13 March
    2026") dates its report, not a thing of the story: it stays a mention, but is in
    dispute with no date of another report. A date in a sentence with a verb is not one."""
    reports = [("Ferry toll rises\n\nDravenna, 14 June 2026\n\nDivers found 27 bodies, "
                "the coast guard said."),
               "Coast guard update\n\nDravenna, 16 June 2026\n\nDivers found 41 bodies."]
    dates = _mentions_of(reports, "date", None, first=True)
    assert [m.value for m in dates] == ["2026-06-14", "2026-06-16"]
    assert all(facts_mod.furniture(m) for m in dates)
    assert not facts_mod.Scorer(dates).judged_blind(0, 1)
    assert not facts_mod._dispute_or_drift(dates, [0], [1], Settings().value_tolerance)
    (opened,) = [m for m in read("The bridge was opened on 14 June 2026.")[0]
                 if m.kind == "date"]
    assert not facts_mod.furniture(opened)


@pytest.mark.issue(14)
def test_a_share_a_count_puts_a_candidate_at_is_the_candidates():
    """"It puts Velasko at 46.7% and Dusanek at 45.2%": each share is the candidate's (a
    qualifier), and is no share of the turnout the same verb gives in another report ("put
    the turnout at 49%")."""
    shares = [m for m in read("It puts Velasko at 46.7% and Dusanek at 45.2%, with a margin "
                              "of error of 1.3 points.")[0] if m.kind == "percent"]
    assert [(m.text, m.qualifiers) for m in shares] == [("46.7%", ("Velasko",)),
                                                         ("45.2%", ("Dusanek",))]
    turnout = next(m for m in read("The party put the turnout at 49%.")[0]
                   if m.kind == "percent")
    assert turnout.qualifiers == ()
    a, b = dataclasses.replace(shares[0], doc="a"), dataclasses.replace(turnout, doc="b")
    assert not facts_mod._same_names(a, b, facts_mod.thing(a), facts_mod.thing(b))
    assert not facts_mod.Scorer([a, b]).judged_blind(0, 1)


@pytest.mark.issue(14)
def test_a_date_given_as_the_value_of_a_thing_dates_that_thing():
    """"Some coverage gave the opening year as 1971": the date is the value of the opening
    year the verb's object names, not the day of the giving, so it is never one act with
    another report's "gave way at 7:42" (both 'give')."""
    given = [m for m in read("Some foreign coverage gave the opening year as 1971.")[0]
             if m.kind == "date"]
    assert [(m.value, m.head, m.extra.get("verb")) for m in given] == [("1971", "year", None)]
    gave_way = [m for m in read("The span gave way at 7:42 a.m. on Tuesday.")[0]
                if m.kind == "date"]
    assert facts_mod.thing(gave_way[0]) == "give" != facts_mod.thing(given[0])
