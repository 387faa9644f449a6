"""The fact-linking model (corroborator/linking.py) and how reconcile uses it: disputes, drift,
reports that do not contradict themselves, the fit."""

import dataclasses
import math

import numpy as np
import pytest
from reading import read

from corroborator.models import Mention
from corroborator.reconcile import facts as facts_mod
from corroborator.reconcile import linking
from corroborator.reconcile.facts import reconcile
from corroborator.settings import Settings

SETTINGS = Settings()
STATUSES = {True: ["conflict"], False: ["single", "single"]}  # two mentions: one slot or two


def mention(doc, sentence, text, value, *, head=None, counted=None, said_by=None, frame=(),
            bound="exact", low=None, high=None, time=None, kind="count"):
    start = sentence.index(text)
    return Mention(id=f"{doc}-{start}", doc=doc, kind=kind, value=value, unit=None, text=text,
                   start=start, end=start + len(text), sentence=sentence, sent_start=0,
                   sent_end=len(sentence), bound=bound, low=value if low is None else low,
                   high=value if high is None else high, counted=counted, head=head,
                   frame=frame, context=sentence.replace(text, "#", 1), said_by=said_by,
                   time=time)


def facts_of(mentions):
    events = {m.doc: "e1" for m in mentions}
    return reconcile(mentions, events, threshold=SETTINGS.link_threshold,
                     tolerance=SETTINGS.value_tolerance, context="minilm")


def test_linking_features_one_per_name():
    a = mention("a", "Police said 60,000 people marched.", "60,000", 60000.0, head="people")
    feats = linking.features(a, a, [1.0, 1.0, 1.0, 1.0], True)
    assert len(feats) == len(linking.FEATURES) == len(linking.AGREE) == len(linking.DISAGREE)


def test_linking_model_refuses_weights_of_another_length():
    with pytest.raises(ValueError, match="weights"):
        linking.LinkModel(((1.0, 2.0), 0.0))


def test_linking_fit_recovers_the_sign_of_each_weight():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(4000, 3))
    truth = np.array([2.0, -1.5, 0.0])
    y = (rng.random(4000) < 1 / (1 + np.exp(-(x @ truth - 0.5)))).astype(float)
    weights, bias = linking.fit(x, y, l2=0.1)
    assert weights[0] > 1.5 and weights[1] < -1.0 and abs(weights[2]) < 0.2
    assert -0.8 < bias < -0.2


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("1798", "1798", 0.0), ("1798", "1798-03", 0.0), ("2025-02-25", "2025-02-26", 1 / 365.25),
    ("1789", "1798", linking.FAR_LOG),
])
def test_linking_dates_apart_in_years(a, b, expected):
    x = mention("a", f"It happened in {a}.", a, a, kind="date")
    y = mention("b", f"It happened in {b}.", b, b, kind="date")
    assert math.isclose(linking.log_ratio(x, y), expected, abs_tol=1e-9)


@pytest.mark.issue(14)
@pytest.mark.parametrize(("kind", "units", "values", "drift"), [
    ("count", (None, None), (2.0, 3.0), True),
    ("duration", ("week", "week"), (3.0, 4.0), True),  # "three weeks", "four weeks"
    ("duration", ("week", "week"), (3.0, 5.0), False),
    ("duration", ("week", "day"), (3.0, 4.0), False),  # 21 days and 4: far apart
    ("measure", ("mile", "mile"), (2.0, 3.0), False),  # two places, two miles apart
])
def test_linking_the_nearest_two_whole_figures_drift(kind, units, values, drift):
    """Two whole counts, or two whole durations in one unit, one apart are as close as two
    such figures can be: they drift, as 33,000 and 32,000 do. Distances one mile apart
    are not held so (they are often of two places)."""
    a, b = (dataclasses.replace(mention(doc, f"It lasted {v:g} units.", f"{v:g}", v, kind=kind),
                                unit=unit) for doc, v, unit in zip("ab", values, units))
    assert linking.close(a, b) is drift


@pytest.mark.issue(14)
def test_linking_two_reports_a_week_apart_on_one_stay_conflict():
    """Two outlets, in their own voice, put one stay at three weeks and at four: one slot
    in conflict, as a drift of what one act measures."""
    a, b = (dataclasses.replace(
        mention(doc, f"She had been hospitalized for {text} with pneumonia.", text, value,
                kind="duration", frame=("hospitalize",)), unit="week")
        for doc, text, value in (("a", "three weeks", 3.0), ("b", "four weeks", 4.0)))
    facts = facts_of([a, b])
    assert [(f.status, len(f.mentions)) for f in facts] == [("conflict", 2)]


_ROLES_AND_TOLLS = {
    "cap": ("The regulator kept its production cap of 38 jets a month.", "38", ("cap",)),
    "goal": ("The company's goal of producing 38 jets a month slipped.", "38",
             ("produce", "goal")),
    "target": ("Its target of building 38 jets a month was delayed.", "38",
               ("build", "target")),
    "killed": ("The storm killed 14 people in the valley.", "14", ("kill",)),
    "died": ("In the valley 14 people died in the storm.", "14", ("die",)),
    "detained": ("Police said 14 people were detained after the storm.", "14", ("detain",)),
    "treated": ("Doctors treated 14 people in hospital after the storm.", "14", ("treat",)),
    "injured": ("The storm injured 14 people in the valley.", "14", ("injure",)),
}


@pytest.mark.issue(14)
@pytest.mark.parametrize(("x", "y", "one_slot"), [
    ("cap", "goal", False), ("goal", "target", True),
    ("killed", "injured", False), ("detained", "treated", False), ("killed", "died", True),
])
def test_linking_a_cap_is_no_goal_and_the_dead_are_not_the_injured(x, y, one_slot):
    """Equal figures of one event in two reports are one slot unless the two play two
    roles (a regulator's cap and a company's goal of 38 a month) or count two tolls (the
    dead and the injured, the detained and those treated in hospital), however alike an
    embedding finds their words. Two words for one toll or one role are one slot."""
    (sa, ta, fa), (sb, tb, fb) = _ROLES_AND_TOLLS[x], _ROLES_AND_TOLLS[y]
    head = "jet" if "jets" in sa else "people"
    a = mention("a", sa, ta, float(ta), head=head, counted=head + "s" * (head == "jet"),
                frame=fa)
    b = mention("b", sb, tb, float(tb), head=head, counted=head + "s" * (head == "jet"),
                frame=fb)
    facts = facts_of([a, b])
    assert (len(facts) == 1) is one_slot
    assert facts_mod.cannot_link(a, b) is not one_slot


@pytest.mark.issue(14)
def test_linking_a_pay_raise_is_a_rise_not_a_fall():
    """"A 40% pay raise" is a rise, and a stock "down 40% on the year" a fall: two
    changes, never one slot."""
    raise_ = mention("a", "The union demanded a 40% pay raise over four years.", "40%", 40.0,
                     kind="percent", frame=("raise", "demand"))
    fall = mention("b", "The stock is down 40% on the year.", "40%", 40.0, kind="percent",
                   frame=("year",))
    assert facts_mod.direction(raise_) == "rise" and facts_mod.direction(fall) == "fall"
    assert facts_mod.cannot_link(raise_, fall)


@pytest.mark.issue(14)
@pytest.mark.parametrize(("days", "sources", "statuses"), [
    (("2026-02-21", "2026-02-25"), ("the agency", "the agency"), ["single", "single"]),
    (("2026-02-25", "2026-02-25"), ("the agency", "the agency"), ["conflict"]),
    (("2026-02-21", "2026-02-25"), ("the agency", "the mayor"), ["single", "single"]),
    (("2026-02-21", "2026-02-25", "2026-02-25"), ("the agency", "the mayor", "the agency"),
     ["conflict"]),
])
def test_linking_a_source_that_raises_its_toll_a_later_day_updates_it(days, sources, statuses):
    """The agency's toll of 187 dead in a report of one day and of 212 in a report four
    days later is the toll updated: two times of one slot, not a conflict, and so is the
    mayor's 212 four days after the agency's 187. The same two figures in reports of one
    day drift (a conflict); and where a report of the later day still gives the agency's
    187 beside the mayor's 212, the two are live side by side: a dispute."""
    a, b, *rest = (dataclasses.replace(
        mention(doc, f"The quake has killed {v:g} people, {who} said.", f"{v:g}", v,
                head="people", counted="people", said_by=who, frame=("kill",)),
        extra={"day": day})
        for doc, v, day, who in zip("abc", (187.0, 212.0, 187.0), days, sources))
    facts = facts_of([a, b, *rest])
    assert sorted(f.status for f in facts) == statuses


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "running"), [
    ("The fire has burned 16,300 hectares of forest.", "16,300", True),
    ("As of Monday, 400 homes were destroyed.", "400", True),
    ("More than 1,000 firefighters are now on the lines.", "1,000", True),
    ("The 2009 fire burned 60,000 hectares of forest.", "60,000", False),
    ("Other agencies have calculated a magnitude of 7.1 for the quake.", "7.1", False),
    ("The alliance said 30,000 people had taken part in the rally.", "30,000", False),
    ("Inspectors have reconciled the quantity of gas on site at 310 tonnes.", "310", False),
    ("Crews have pumped 310 tonnes of water out of the hold.", "310", True),
])
def test_linking_a_running_tally_is_read_from_its_words(text, figure, running):
    """A figure its words date to the moment of the report (a present perfect, "now", "as
    of") is a running tally; a settled figure, a verb of reckoning in the perfect, and
    a past perfect shifted back under "said" are not."""
    mentions, _ = read(text, "2026-07-06")
    m = next(m for m in mentions if figure in m.text)
    assert bool(m.extra.get("running")) is running


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "published", "time"), [
    ("The agency's latest figures, issued at 6pm on Wednesday, put the toll at 214 dead.",
     "214", "2026-02-26", "2026-02-25"),
    ("Government figures released on Wednesday say 19,300 people are still homeless.",
     "19,300", "2026-02-26", "2026-02-25"),
    ("The mayor, who visited on Wednesday, says 19,300 people are homeless.",
     "19,300", "2026-02-26", None),
])
def test_linking_a_figure_is_stated_for_the_day_its_figures_were_released(
        text, figure, published, time):
    """Figures released or issued on a day state their toll for that day, though the date
    hangs on the subject ("the agency's latest figures, issued ... on Wednesday"), not on
    the verb that gives the toll; a day said of another subject (the mayor's visit) is not
    the time of the figure."""
    mentions, _ = read(text, published)
    assert next(m for m in mentions if m.text == figure).time == time


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "published", "time"), [
    (("The number of people killed by the flood that swept the valley after the dam failed "
      "on Tuesday has risen to 11."), "11", "2026-04-15", None),
    ("Some 6,000 people evacuated on Monday were allowed home.", "6,000", "2026-04-15",
     "2026-04-13"),
])
def test_linking_a_date_deep_in_a_clause_on_the_counted_noun_is_another_acts(
        text, figure, published, time):
    """A day told in a clause nested inside the phrase of what is counted dates another act
    (the dam failed on Tuesday; the toll of 11 is as of the report), while a day on the
    noun's own participle dates the figure (evacuated on Monday)."""
    mentions, _ = read(text, published)
    assert next(m for m in mentions if figure in m.text).time == time


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "figure", "counted"), [
    ("The union says the true number of heat deaths exceeds 300.", "300", "heat deaths"),
    ("The number of people confirmed dead has risen to 27, the coast guard said.", "27",
     "people"),
    ("The total number of cases reached 412 on Friday.", "412", "cases"),
    ("Officials put the number of homes destroyed at 126.", "126", "homes"),
    ("The death toll stood at 61.", "61", None),
])
def test_linking_a_tally_given_its_value_by_a_verb_counts_what_it_is_of(text, figure, counted):
    """"The number of X" given its figure by a verb of value or change ("exceeds 300", "has
    risen to 27", "reached 412", or "put ... at 126" hung on the participle) counts X; a
    tally that names nothing ("the toll stood at 61") counts no noun of its own."""
    mentions, _ = read(text, "2026-07-06")
    assert next(m for m in mentions if m.text.endswith(figure)).counted == counted


@pytest.mark.issue(14)
def test_linking_two_whole_counts_a_few_apart_are_not_one_value():
    """212 dead and 214 dead are two values, though within the tolerance that lets a
    rounded amount or measure meet its exact form: a count of whole things is exact."""
    a = mention("a", "The agency put the toll at 212 dead.", "212", 212.0)
    b = mention("b", "The agency put the toll at 214 dead.", "214", 214.0)
    assert not facts_mod.compatible(a, b, SETTINGS.value_tolerance)
    pct = [mention(d, f"Turnout was {v}%.", f"{v}", float(v), kind="percent")
           for d, v in (("a", "61.4"), ("b", "61.5"))]
    assert facts_mod.compatible(*pct, 0.001)


@pytest.mark.issue(14)
def test_linking_a_tally_restated_as_still_standing_is_stated_for_its_report_day():
    """Eleven people unaccounted for late on Sunday, then seven "still missing" and six
    who "remained missing" in two reports of Monday: the Sunday figure is the slot at an
    earlier time (a series), and Monday's two figures are a dispute of that day. Without
    the words that date Monday's figures to their reports, all three drift together."""
    def toll(doc, sentence, text, value, who, day, time=None):
        return dataclasses.replace(
            mention(doc, sentence, text, value, head="people", counted="people",
                    said_by=who, frame=("miss",), time=time), extra={"day": day})

    from corroborator.nlp import syntax
    assert syntax.RUNNING.search("Six people remained missing, the police said.")
    sunday = toll("a", "Eleven people were missing late on Sunday, the office said.",
                  "Eleven", 11.0, "the office", "2026-07-05", time="2026-07-05")
    monday = [toll(d, s, t, v, who, "2026-07-06") for d, s, t, v, who in (
        ("b", "Seven people are still missing, the office said.", "Seven", 7.0, "the office"),
        ("c", "Six people remained missing, the police said.", "Six", 6.0, "the police"))]
    running = [dataclasses.replace(m, extra={**m.extra, "running": True}) for m in monday]
    facts = facts_of([sunday, *running])
    assert sorted((f.status, len(f.mentions)) for f in facts) == [("conflict", 2), ("single", 1)]
    assert [f.status for f in facts_of([sunday, *monday])] == ["conflict"]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("running", "statuses"), [
    (True, ["single", "single"]), (False, ["conflict"]),
])
def test_linking_a_running_tally_grown_a_later_day_is_no_conflict(running, statuses):
    """Two outlets in their own voice: a fire that "has burned" 16,300 hectares on one
    day and 17,800 four days later is the tally grown (two times of one slot); the same
    two figures with nothing dating them to their reports drift (a conflict)."""
    verb = "has burned" if running else "burned"
    a, b = (dataclasses.replace(
        mention(doc, f"The fire {verb} {text} hectares of forest.", text, value,
                kind="measure", frame=("burn",)),
        unit="hectares", extra={"day": day, **({"running": True} if running else {})})
        for doc, text, value, day in (("a", "16,300", 16300.0, "2026-07-08"),
                                      ("b", "17,800", 17800.0, "2026-07-12")))
    facts = facts_of([a, b])
    assert sorted(f.status for f in facts) == statuses


@pytest.mark.issue(14)
def test_linking_one_toll_under_two_verbs_is_one_slot():
    """"Seven people are missing" and "six people remain missing", told by two sources on
    one day, count one toll (the missing) whatever verb carries it: one slot in dispute."""
    a = mention("a", "Seven people are missing, the county office said.", "Seven", 7.0,
                head="people", counted="people", said_by="the county office", frame=("miss",))
    b = mention("b", "Six people remain missing, civil protection officials said.", "Six", 6.0,
                head="people", counted="people", said_by="civil protection officials",
                frame=("remain",))
    assert facts_mod.toll(a) == facts_mod.toll(b) == "missing"
    facts = facts_of([a, b])
    assert [(f.status, len(f.mentions)) for f in facts] == [("conflict", 2)]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("sentence", "text", "toll"), [
    ("Two cabin crew members were among the injured, the airline said.", "Two", "injured"),
    ("Nine passengers remain in hospital, two of them in a serious condition.", "two",
     "injured"),
    ("Two people were killed on Sunday when the jet overran the runway.", "Two", "dead"),
    # the clause ends where another begins: the toll of the next one is not this one's
    ("Two people were arrested and 27 were injured in the clashes.", "Two", "arrested"),
    ("Two buses were sent, and later 27 people were injured.", "Two", None),
])
def test_linking_a_toll_is_read_to_the_end_of_its_clause(sentence, text, toll):
    m = mention("a", sentence, text, 2.0, head="member" if "crew" in sentence else None)
    assert facts_mod.toll(m) == toll


@pytest.mark.issue(14)
def test_linking_two_killed_is_not_two_in_a_serious_condition():
    """The dead and those in a serious condition are two tolls of one crash, whatever
    their equal figures: two slots."""
    dead = mention("a", "Two people were killed on Sunday when the jet overran the runway.",
                   "Two", 2.0, head="people", counted="people", frame=("kill",))
    serious = mention("b", "Nine passengers remain in hospital, two of them in a serious "
                      "condition.", "two", 2.0, frame=("remain",))
    assert len(facts_of([dead, serious])) == 2


@pytest.mark.issue(14)
def test_linking_a_bare_share_is_not_rounded_to_another():
    """"61%" that says of nothing what it is a share of does not meet "a turnout of
    61.4%" by rounding: a share is of what was done, and nothing says it is one act."""
    bare = mention("a", "Back then the president took 61% on a high turnout.", "61%", 61.0,
                   kind="percent")
    turnout = mention("b", "The commission put turnout at 61.4% on Sunday.", "61.4%", 61.4,
                      kind="percent", frame=("turnout", "put"))
    assert len(facts_of([bare, turnout])) == 2


@pytest.mark.issue(14)
@pytest.mark.parametrize(("sentence", "text", "head", "counted", "apart"), [
    ("The commission said 47 polling stations opened late.", "47", "station",
     "polling stations", True),
    ("The observatory has recorded 47 aftershocks since the quake.", "47", "aftershock",
     "aftershocks", True),
    ("Doctors said 47 patients were still in the ward.", "47", "patient", "patients", False),
])
def test_linking_a_toll_of_people_is_no_count_of_things(sentence, text, head, counted, apart):
    """"47 people were detained" (a toll) and "47 polling stations opened late" count two
    things whatever their values: never one slot. A count of people that is no toll
    ("47 patients") may still be the same people."""
    toll_ = mention("a", "Police said 47 people were detained overnight.", "47", 47.0,
                    head="people", counted="people", said_by="Police", frame=("detain",))
    other = mention("b", sentence, text, 47.0, head=head, counted=counted)
    scorer = facts_mod.Scorer([toll_, other])
    assert scorer.toll_and_thing(0, 1) is apart
    if apart:
        assert len(facts_of([toll_, other])) == 2


def test_linking_a_disputed_crowd_is_one_fact_in_conflict():
    police = mention("a", "Police put the number of marchers at 60,000 on Saturday.", "60,000",
                     60000.0, head="marcher", counted="marchers", said_by="Police",
                     frame=("put", "number"))
    organisers = mention("b", "Organisers put the number of marchers at 400,000 on Saturday.",
                         "400,000", 400000.0, head="marcher", counted="marchers",
                         said_by="Organisers", frame=("put", "number"))
    facts = facts_of([police, organisers])
    assert [(f.status, len(f.mentions)) for f in facts] == [("conflict", 2)]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("acts", "one_slot"), [(("involve", "involve"), True),
                                                 (("involve", "retire"), False),
                                                 ((), False)])
def test_linking_drifting_figures_of_one_slot_conflict(acts, one_slot):
    """Close figures of one named counted thing under one act, in the outlets' own voice,
    are one slot in conflict (judged blind to the values, as a dispute is): 33,000 and
    32,000 machinists involved. Not under two acts (involved, retired), nor with no act
    to say what was counted of them."""
    a = mention("a", "The strike involves 33,000 machinists at the plants.", "33,000", 33000.0,
                head="machinist", counted="machinists", frame=acts[:1])
    b = mention("b", "The strike involves 32,000 machinists at the plants.", "32,000", 32000.0,
                head="machinist", counted="machinists", frame=acts[1:])
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


def test_linking_one_report_in_its_own_voice_states_two_slots():
    """Two different values one report gives in its own voice are two slots, not a conflict."""
    a = mention("a", "The union had asked for a raise of 40 percent over four years.", "40",
                40.0, head="raise", counted="raise", kind="percent")
    b = mention("a", "The company had offered a raise of 25 percent over four years.", "25",
                25.0, head="raise", counted="raise", kind="percent")
    b = Mention(**{**{f: getattr(b, f) for f in b.__slots__}, "id": "a-2", "sent_start": 200,
                   "sent_end": 260})
    facts = facts_of([a, b])
    assert all(f.status != "conflict" for f in facts)


def test_linking_different_counted_nouns_with_other_values_stay_apart():
    a = mention("a", "Officials said 56 people were injured in the clashes.", "56", 56.0,
                head="people", counted="people", said_by="Officials", frame=("injure",))
    b = mention("b", "Police said 22 protesters were detained after the clashes.", "22", 22.0,
                head="protester", counted="protesters", said_by="Police", frame=("detain",))
    facts = facts_of([a, b])
    assert sorted(f.status for f in facts) == ["single", "single"]


def _crowd(doc, who, value, text, *, said_by=None):
    return mention(doc, f"{who} put the crowd at the rally in the capital at {text} on Saturday.",
                   text, value, head="people", counted="people", said_by=said_by,
                   frame=("put", "crowd"))


@pytest.mark.issue(14)
def test_linking_a_headline_figure_is_the_source_the_body_names_for_it():
    """A report that heads with the monitor's figure in its own voice ("325,000 rally"),
    and gives it to the monitor below beside the police's, states a dispute of two sources,
    not two values in one voice: the three reports' figures are one disputed slot."""
    headline = _crowd("a", "The report", 325000.0, "325,000")
    monitor = _crowd("a", "The independent monitor", 325000.0, "325,000",
                     said_by="the independent monitor")
    police = _crowd("a", "The police", 107000.0, "107,000", said_by="police")
    army = _crowd("b", "The army", 88000.0, "88,000", said_by="army")
    other = _crowd("c", "The monitor", 325000.0, "325,000", said_by="the monitor")
    headline, monitor, police = (dataclasses.replace(m, id=f"a-{k}", start=100 * k)
                                 for k, m in enumerate((headline, monitor, police)))
    facts = facts_of([headline, monitor, police, army, other])
    assert [(f.status, len(f.mentions)) for f in facts] == [("conflict", 5)]


@pytest.mark.issue(14)
def test_linking_a_small_count_never_joins_a_disputed_crowd():
    """Estimates of one quantity differ by a factor of a few, even in a dispute; a
    minister's 22 arrests is no third estimate of a crowd of 36,000 or 140,000."""
    police = _crowd("a", "The Interior Ministry", 36000.0, "36,000", said_by="Interior Ministry")
    monitor = _crowd("b", "The Archive", 140000.0, "140,000", said_by="the Archive")
    arrests = mention("c", "The minister said 22 people at the rally in the capital were "
                      "arrested on Saturday.", "22", 22.0, head="people", counted="people",
                      said_by="Dacic", frame=("arrest",))
    facts = facts_of([police, monitor, arrests])
    assert sorted((f.status, len(f.mentions)) for f in facts) == [("conflict", 2), ("single", 1)]


@pytest.mark.issue(14)
def test_linking_a_named_group_is_not_disputed_by_the_whole():
    """'21 MS-13 members' (Homan) and 'over 250 gang members' (a newspaper) count two
    things: a part named, and the whole."""
    part = mention("a", "Homan said 21 MS-13 gang members were deported on Sunday.", "21",
                   21.0, head="member", counted="MS-13 gang members", said_by="Homan",
                   frame=("deport",))
    part = dataclasses.replace(part, qualifiers=("MS-13",))
    whole = mention("b", "The Post said over 250 gang members were deported on Sunday.",
                    "over 250", 250.0, head="member", counted="gang members",
                    said_by="The Post", frame=("deport",), bound="min", low=250.0,
                    high=math.inf)
    facts = facts_of([part, whole])
    assert all(f.status != "conflict" for f in facts)



def _model(agree_bias, disagree_bias):
    """A link model that reads nothing but its biases: the gates alone then decide."""
    zeros = [0.0] * len(linking.FEATURES)
    return linking.LinkModel((zeros, agree_bias), (zeros, disagree_bias))


def _facts_by(mentions, model):
    return reconcile(mentions, {m.doc: "e1" for m in mentions},
                     threshold=SETTINGS.link_threshold, tolerance=SETTINGS.value_tolerance,
                     context="minilm", model=model)


@pytest.mark.issue(14)
@pytest.mark.parametrize(("frames", "one_slot"), [((("rate",), ("goal",)), False),
                                                   ((("rate",), ("rate",)), True)])
def test_linking_close_figures_that_name_nothing_need_one_act(frames, one_slot):
    """Close figures that count nothing by name drift in one slot only under one act: an
    efficacy rate of 97% and a coverage goal of 95% are two slots, though a model would
    join them."""
    rate = mention("a", "The rate in the county stood at 97% on Monday.", "97%", 97.0,
                   kind="percent", frame=frames[0])
    goal = mention("b", "The goal in the county stood at 95% on Monday.", "95%", 95.0,
                   kind="percent", frame=frames[1])
    facts = _facts_by([rate, goal], _model(-10.0, 10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("blind", "one_slot"), [(-1.0, False), (1.0, True)])
def test_linking_a_dispute_is_one_slot_only_when_more_likely_than_not(blind, one_slot):
    """Two named sources' figures of one counted thing are a dispute only when, judged
    blind to the values, one slot is more likely than two (log-odds above 0)."""
    police = mention("a", "Police said 36,000 people attended.", "36,000", 36000.0,
                     head="people", counted="people", said_by="Police")
    monitor = mention("b", "The Archive said 140,000 people attended.", "140,000", 140000.0,
                      head="people", counted="people", said_by="the Archive")
    facts = _facts_by([police, monitor], _model(blind, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("acts", "one_slot"), [(("die", "hospitalize"), False),
                                                 (("die", "die"), True),
                                                 (("die", "kill"), True)])
def test_linking_a_dispute_counts_one_act_in_any_wording(acts, one_slot):
    """Two sources' figures of people are one disputed slot only where one act governs
    both, in whatever words ("died", "were killed"): the secretary's two dead and the
    state's five in hospital count two things, however alike a model finds the sentences."""
    a = mention("a", "The secretary said two people had died in the county.", "two", 2.0,
                head="people", counted="people", said_by="the secretary", frame=(acts[0],))
    b = mention("b", "The state said 5 people had died in the county.", "5", 5.0,
                head="people", counted="people", said_by="the state", frame=(acts[1],))
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
def test_linking_a_dispute_of_figures_that_name_nothing():
    """"Police put attendance at 36,000; the Archive said 140,000 attended": neither names
    what it counts, yet two sources' figures under one act are one disputed slot, judged
    as a dispute (blind to the values), not held to the bar of a drift."""
    police = mention("a", "Police said 36,000 attended the rally.", "36,000", 36000.0,
                     said_by="Police", frame=("attend",))
    monitor = mention("b", "The Archive said 140,000 attended the rally.", "140,000", 140000.0,
                      said_by="the Archive", frame=("attend",))
    facts = _facts_by([police, monitor], _model(1.0, -10.0))
    assert [f.status for f in facts] == ["conflict"]


@pytest.mark.issue(14)
def test_linking_a_stray_figure_does_not_keep_a_dispute_apart():
    """A report states the officials' one death and, elsewhere, one dose and two doses of a
    vaccine in one voice. Linked by mistake into the two sides of the death toll, those
    stray figures count doses, not deaths: the report does not contradict itself, and the
    dispute of the secretary and the officials is still one fact."""
    sec = mention("a", "The secretary said two people had died in the county.", "two", 2.0,
                  head="people", counted="people", said_by="the secretary", frame=("die",))
    off = mention("b", "Officials said one person had died in the county.", "one", 1.0,
                  head="person", counted="person", said_by="Officials", frame=("die",))
    off2 = mention("c", "Officials said one person had died in the county.", "one", 1.0,
                   head="people", counted="people", said_by="Officials", frame=("die",))
    two = mention("c", "The vaccine is given in two doses; one dose protects most.", "two",
                  2.0, head=None, frame=("give",))
    one = mention("c", "The vaccine is given in two doses; one dose protects most.", "one",
                  1.0, head="dose", counted="dose", frame=("protect",))
    one = dataclasses.replace(one, id="c-one", start=one.start + 100)
    groups = [[0, 1], [2, 3, 4]]  # the deaths and the doses, as a wrong first phase links them
    block = [sec, two, off, off2, one]
    assert not facts_mod._self_contradiction(block, groups[0], groups[1], SETTINGS.value_tolerance)
    same_voice = dataclasses.replace(one, head=None, counted=None)
    assert facts_mod._self_contradiction([sec, two, off, off2, same_voice], groups[0], groups[1],
                                         SETTINGS.value_tolerance)


@pytest.mark.issue(14)
def test_linking_figures_with_neither_a_counted_noun_nor_an_act_are_no_dispute():
    """Two sources' figures that name nothing and have no act ("the trust gave 40,000";
    "the broker put it at 3.2 million" parsed bare) share nothing that says they measure
    one thing: no dispute, however alike a model finds them."""
    a = mention("a", "The trust said 40,000 in the end.", "40,000", 40000.0, said_by="the trust")
    b = mention("b", "The broker said 3,200,000 in the end.", "3,200,000", 3200000.0,
                said_by="the broker")
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert [f.status for f in facts] == ["single", "single"]


@pytest.mark.issue(14)
def test_linking_a_day_without_its_year_takes_the_year_of_its_block():
    """177 cases "as of Feb. 26" (a report without a date) and 470 cases as of 19 March
    (dated 2025) are one count at two times, not a conflict: the day takes the one year
    the other figures of its event are stated for."""
    early = mention("a", "The minister said there were 177 cases as of Feb. 26.", "177", 177.0,
                    head="case", counted="cases", said_by="The minister", frame=("be",))
    early = dataclasses.replace(early, extra={"time_no_year": "02-26"})
    late = mention("b", "The agency said there were 470 cases as of March 19.", "470", 470.0,
                   head="case", counted="cases", said_by="The agency", frame=("be",),
                   time="2025-03-19")
    assert facts_mod.with_years([early, late])[0].time == "2025-02-26"
    facts = _facts_by([early, late], _model(1.0, 1.0))
    assert sorted(f.status for f in facts) == ["single", "single"]
    undated = dataclasses.replace(early, extra={})
    assert [f.status for f in _facts_by([undated, late], _model(1.0, 1.0))] == ["conflict"]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("frame", "one_slot"), [(("day", "strike"), True),
                                                  (("day", "retire"), False)])
def test_linking_a_duration_measures_its_noun_or_its_act(frame, one_slot):
    """"The 57-day strike" names what it measures as a noun, "struck for 58 days" as an
    act: one thing, one slot, its two figures in conflict. Not "retired for 58 days"."""
    noun = mention("a", "The union's 57-day strike in 2008 cost the firm dearly.", "57-day",
                   57.0, head="strike", counted="strike", kind="duration")
    verb = mention("b", "Workers last struck in 2008 for 58 days.", "58 days", 58.0,
                   frame=frame, kind="duration")
    noun = dataclasses.replace(noun, unit="day")
    verb = dataclasses.replace(verb, unit="day")
    facts = _facts_by([noun, verb], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


def _year_of(doc, sentence, year, frame, qualifiers):
    m = mention(doc, sentence, year, year, head="act", counted="Act", frame=frame, kind="date")
    return dataclasses.replace(m, qualifiers=qualifiers)


@pytest.mark.issue(14)
@pytest.mark.parametrize(("names", "docs", "one_slot"), [
    ((("Sedition Act",), ("Sedition Act",)), ("a", "b"), True),
    (((), ()), ("a", "b"), False),
    ((("Sedition Act",), ("Sedition Act",)), ("a", "a"), False),
])
def test_linking_two_reports_dating_one_named_thing_conflict(names, docs, one_slot):
    """"Invoking the 1791 Sedition Act" and "using the 1719 Sedition Act": a named law has
    one year, whatever act each sentence puts it under, so two reports' years are one
    fact in conflict (judged blind to the values, as a dispute is). Not so for a thing no name singles out ("the 2008 strike", "the 2024
    strike"), nor for two years in one report (which names two things)."""
    a = _year_of(docs[0], "The court heard a case invoking the 1791 Sedition Act.", "1791",
                 ("invocation",), names[0])
    b = _year_of(docs[1], "The mayor objected to using the 1719 Sedition Act.", "1719",
                 ("use",), names[1])
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("head", "one_slot"), [(None, True), ("employee", True),
                                                ("resident", False)])
def test_linking_a_share_of_an_unsaid_whole_may_be_a_share_of_a_named_one(head, one_slot):
    """"91% of employees voted to strike" (the union) and "92% voted to strike" (the
    company): the share's noun is its whole, and a share whose whole goes unsaid may be of
    the same whole. Two named wholes differ."""
    named = mention("a", "The union said 91% of employees voted to strike.", "91%", 91.0,
                    head="employee", said_by="The union", frame=("strike",), kind="percent")
    other = mention("b", "The company said 92% voted to strike.", "92%", 92.0, head=head,
                    said_by="The company", frame=("strike",), kind="percent")
    facts = _facts_by([named, other], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
def test_linking_two_dates_of_one_act_are_no_dispute():
    """Acts recur: "won the title in 2001" and "won the belt in 2005" are two wins, and two
    reports' dates of one verb are not on that account one slot in conflict."""
    a = mention("a", "The boxer won the title in 2001, in London.", "2001", "2001",
                head="win", kind="date")
    b = mention("b", "The boxer won the belt in 2005, in Las Vegas.", "2005", "2005",
                head="win", kind="date")
    a = dataclasses.replace(a, extra={"verb": "win"}, qualifiers=("London",))
    b = dataclasses.replace(b, extra={"verb": "win"}, qualifiers=("Las Vegas",))
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == ["single", "single"]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("values", "close"), [((2.0, 3.0), True), ((0.0, 1.0), True),
                                               ((2.0, 4.0), False), ((140.0, 150.0), True),
                                               ((2.5, 3.5), False)])
def test_linking_two_counts_one_apart_are_close(values, close):
    """Counts are whole: two and three dead are as near as two counts can be, though a
    third apart; 14 and 15 are near by their ratio. Halves are no counts."""
    a = mention("a", f"Officials said {values[0]:g} people died.", f"{values[0]:g}", values[0],
                head="people")
    b = mention("b", f"Officials said {values[1]:g} people died.", f"{values[1]:g}", values[1],
                head="people")
    assert linking.close(a, b) is close


@pytest.mark.issue(14)
@pytest.mark.parametrize(("acts", "one_slot"), [(("injure", "injure"), True),
                                                 (("injure", "arrest"), False)])
def test_linking_no_one_and_one_person_conflict(acts, one_slot):
    """"No one was seriously injured" counts persons as "one person was seriously injured"
    does, and the two counts are as near as counts can be: one slot in conflict, under one
    act (not "no one was arrested")."""
    none = mention("a", "The minister said no one was seriously injured.", "no one", 0.0,
                   frame=(acts[0],))
    one = mention("b", "The minister said one person was seriously injured.", "one", 1.0,
                  head="person", counted="person", frame=(acts[1],))
    facts = _facts_by([none, one], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("frame", "one_slot"), [((), False), (("approve",), True)])
def test_linking_a_share_of_nothing_said_is_no_dispute(frame, one_slot):
    """A share is of what people did or said: a bare "5.6 percent" names neither, and a
    second poll's figure is no dispute of it, though an approval rating is of another."""
    bare = mention("a", "The paper's poll put the gap at 5.6 percent.", "5.6 percent", 5.6,
                   said_by="the paper", frame=frame, kind="percent")
    other = mention("b", "A second poll found 20 percent approve of the cabinet.", "20 percent",
                    20.0, said_by="a second poll", frame=("approve",), kind="percent")
    facts = _facts_by([bare, other], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("docs", "one_slot"), [(("a", "a"), False), (("a", "b"), True)])
def test_linking_one_voice_in_one_report_states_two_slots(docs, one_slot):
    """"The survey put disapproval at 68 percent, with 60 percent saying ...": one report
    in one voice gives two figures under one act, and they are two slots however close;
    two reports' close figures under one act drift in one slot."""
    sentence = "The survey put disapproval at 68 percent, with 60 percent citing prices."
    a = mention(docs[0], sentence, "68 percent", 68.0, frame=("put",), kind="percent")
    b = mention(docs[1], sentence, "60 percent", 60.0, frame=("put",), kind="percent")
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
def test_linking_values_that_disagree_join_only_as_a_dispute_or_a_drift():
    """However alike a model finds two disagreeing figures, they are one slot only as a
    dispute or a drift: "52 percent" and "65 percent" of a bare list name nothing that
    could make them one."""
    a = mention("a", "Officials said 52 percent was down on Friday.", "52 percent", 52.0,
                said_by="Officials", kind="percent")
    b = mention("b", "The company said 65 percent was down on Friday.", "65 percent", 65.0,
                said_by="The company", kind="percent")
    facts = _facts_by([a, b], _model(-10.0, 10.0))
    assert sorted(f.status for f in facts) == ["single", "single"]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("names", "one_slot"), [((("MS-13",), ("MS13",)), True),
                                                 (((), ()), False)])
def test_linking_a_named_group_is_one_slot_whatever_the_act(names, one_slot):
    """"The arrival of 23 MS-13 members" and "21 MS13 gang members were deported": the name
    fixes what is counted, whatever act each report puts it under; unnamed, "arrived" and
    "were deported" could count two things."""
    a = mention("a", "Bukele confirmed the arrival of 23 gang members.", "23", 23.0,
                head="member", said_by="Bukele", frame=("arrival",))
    b = mention("b", "Homan said 21 gang members were deported.", "21", 21.0, head="member",
                said_by="Homan", frame=("deport",))
    a = dataclasses.replace(a, qualifiers=names[0])
    b = dataclasses.replace(b, qualifiers=names[1])
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("short", "name", "same"), [
    ("USGS", "the U.S. Geological Survey", True),
    ("CDC", "the Centers for Disease Control", True),
    ("DSHS", "Texas Department of State Health Services", True),
    ("CDC", "the Interior Ministry", False),
    ("Police", "the Public Archive", False),
])
def test_linking_an_acronym_names_the_body_it_abbreviates(short, name, same):
    """"USGS" and "the U.S. Geological Survey" are one source: two figures they give are
    not two sources' dispute, nor is the report contradicting one of them."""
    assert linking.names_overlap([short], [name]) is same


@pytest.mark.issue(14)
@pytest.mark.parametrize(("acts", "one_slot"), [(("exist", "require"), False),
                                                 (("exist", "exist"), True)])
def test_linking_cases_that_are_and_cases_that_needed_care_are_two_counts(acts, one_slot):
    """"There have been 177 cases" (the minister) and "34 cases have required
    hospitalization" (the agency) count two things; "there have been 177" and "there
    have been 150" are one count disputed."""
    a = mention("a", "The minister said there have been 177 cases.", "177", 177.0,
                head="case", said_by="The minister", frame=(acts[0],))
    b = mention("b", "The agency said 34 cases have required hospitalization.", "34", 34.0,
                head="case", said_by="The agency", frame=(acts[1],))
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("values", "one_slot"), [((3.0, 56.0), False), ((1.0, 30.0), False),
                                                  ((1.0, 2.0), True), ((30.0, 42.0), True),
                                                  ((36000.0, 325000.0), True)])
def test_linking_small_counts_are_disputed_within_a_few(values, one_slot):
    """Counts below a hundred are counted one by one, not estimated: two sources' 56 and
    3 injured are two tolls (of two incidents), not one toll in dispute; 1 and 2 deaths, or
    30 and 42, are. Large estimates may differ by far more (a crowd of 36,000 or 325,000)."""
    a = mention("a", f"Police said {values[0]:g} people were injured.", f"{values[0]:g}",
                values[0], head="people", counted="people", said_by="Police", frame=("injure",))
    b = mention("b", f"Medics said {values[1]:g} people were injured.", f"{values[1]:g}",
                values[1], head="people", counted="people", said_by="Medics", frame=("injure",))
    facts = _facts_by([a, b], _model(1.0, 1.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("verbs", "one_slot"), [(("rose", "fell"), False),
                                                 (("soared", "dropped"), False),
                                                 (("rose", "rose"), True)])
def test_linking_a_rise_and_a_fall_are_two_changes(verbs, one_slot):
    """"Shares rose 28 percent" and "shares fell 30 percent" are two moves, never one slot
    in dispute, however alike the sentences; two rises of 28 and 30 percent may be."""
    lemma = {"rose": "rise", "fell": "fall", "soared": "soar", "dropped": "drop",
             "climbed": "climb"}
    a = mention("a", f"Analysts said shares {verbs[0]} 28 percent on Monday.", "28 percent",
                28.0, kind="percent", said_by="Analysts", frame=(lemma[verbs[0]], "share"))
    b = mention("b", f"Traders said shares {verbs[1]} 30 percent on Monday.", "30 percent",
                30.0, kind="percent", said_by="Traders", frame=(lemma[verbs[1]], "share"))
    assert facts_mod.cannot_link(a, b) is not one_slot
    facts = _facts_by([a, b], _model(1.0, 1.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("act", "joins"), [("strike", "96%"), ("reject", "94.6%")])
def test_linking_figures_alike_only_by_rounding_need_one_act(act, joins):
    """"94.6% voted to reject the contract and 96% voted to strike" (the union) and "95%
    voted to strike" (another outlet): 95 agrees with 94.6 within rounding, but it is the
    strike vote, 96 stated otherwise. Figures that agree only by rounding are one slot only
    under one act; "95% voted to reject" is the rejection."""
    sentence = "The union said 94.6% voted to reject the contract and 96% voted to strike."
    reject = mention("a", sentence, "94.6%", 94.6, kind="percent", said_by="The union",
                     frame=("reject", "vote"))
    strike = mention("a", sentence, "96%", 96.0, kind="percent", said_by="The union",
                     frame=("strike", "vote"))
    other = mention("b", f"Analysts said 95% of the members voted to {act}.", "95%", 95.0,
                    kind="percent", said_by="Analysts", frame=(act, "vote"))
    facts = _facts_by([reject, strike, other], _model(1.0, -10.0))
    with_other = next(f for f in facts if any(m.doc == "b" for m in f.mentions))
    assert sorted(m.text for m in with_other.mentions) == sorted(["95%", joins])
    assert with_other.status == ("conflict" if joins == "96%" else "agreed")


@pytest.mark.issue(14)
@pytest.mark.parametrize(("names", "one_slot"), [((("Boeing",), ()), True),
                                                 ((("Boeing",), ("Boeing",)), True),
                                                 ((("Boeing",), ("Airbus",)), False)])
def test_linking_a_share_of_an_unsaid_whole_may_be_of_a_named_whole(names, one_slot):
    """"95% of Boeing employees voted to strike" and "96% voted to strike": a share whose
    whole goes unsaid may be of the whole the other names; two wholes named apart differ."""
    named = mention("a", "The union said 95% of employees voted to strike.", "95%", 95.0,
                    head="employee", said_by="The union", frame=("strike",), kind="percent")
    other = mention("b", "The company said 96% voted to strike.", "96%", 96.0,
                    said_by="The company", frame=("strike",), kind="percent")
    named = dataclasses.replace(named, qualifiers=names[0])
    other = dataclasses.replace(other, qualifiers=names[1])
    facts = _facts_by([named, other], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("verb", "whats", "docs", "one_slot"), [
    ("build", ("The Lirio Star was built", "Lirio Star ferry built"), ("a", "b"), True),
    ("bear", ("Mark Felt was born", "Felt was born"), ("a", "b"), True),
    ("win", ("Kessler won the title", "Kessler won the belt"), ("a", "b"), False),
    ("die", ("wife died", "Felt died"), ("a", "b"), False),
    ("build", ("ferry was built", "ferry was built"), ("a", "b"), False),
    ("build", ("The Lirio Star was built", "The Lirio Star was built"), ("a", "a"), False),
])
def test_linking_two_reports_dating_an_act_that_befalls_a_named_thing_once(
        verb, whats, docs, one_slot):
    """A ferry is built once, a man born once: "the Lirio Star was built in 1998" and "the
    Lirio Star was built in 1989" are one slot in conflict. Not an act that recurs ("won
    the title in 2001", "won the belt in 2005"), not one act of two things ("his wife died
    in 1984", "Felt died in 2008"), not a thing no name singles out ("the ferry"), not two
    years in one report."""
    a = mention(docs[0], f"{whats[0]} in 1998, the registry shows.", "1998", "1998",
                head=verb, kind="date")
    b = mention(docs[1], f"{whats[1]} in 1989, records show.", "1989", "1989",
                head=verb, kind="date")
    a = dataclasses.replace(a, extra={"verb": verb, "what": whats[0]})
    b = dataclasses.replace(b, extra={"verb": verb, "what": whats[1]})
    assert facts_mod.once_dated(a, b) is one_slot
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "day", "onset"), [
    ("When the fire broke out on Saturday, the temperature hit 41 degrees.", "Saturday", "fire"),
    ("The fire, which started on Saturday in the pine forest, kept burning.", "Saturday", "fire"),
    ("From the moment the fire erupted on Sunday, ministers were a step behind.", "Sunday",
     "fire"),
    ("The strike began on Friday.", "Friday", "strike"),
    ("A second fire started on Tuesday near the coast.", "Tuesday", None),
    ("The second fire started on Tuesday near the coast.", "Tuesday", None),
    ("The fire has burned 7,200 hectares since it broke out on Saturday.", "Saturday", None),
    ("The union broke the record on Friday.", "Friday", None),
])
def test_linking_the_start_of_a_thing_named_definitely_is_read_from_its_verb(text, day, onset):
    """"The fire broke out", "the fire, which started", "erupted", "began": the date of a
    thing's start, the thing named definitely. Not one of several ("a second fire", "the
    second fire"), not a pronoun, not a verb that starts nothing ("broke the record")."""
    mentions, _ = read(text, "2026-07-06")
    assert next(m for m in mentions if m.text == day).extra.get("onset") == onset


@pytest.mark.issue(14)
@pytest.mark.parametrize(("onsets", "docs", "one_slot"), [
    (("fire", "fire"), ("a", "b"), True),
    (("fire", "strike"), ("a", "b"), False),
    (("fire", None), ("a", "b"), False),
    (("fire", "fire"), ("a", "a"), False),
])
def test_linking_two_reports_dating_the_start_of_one_thing_dispute_it(onsets, docs, one_slot):
    """A fire breaks out once: "the fire broke out on Saturday" in one report and "the
    fire erupted on Sunday" in another are one slot in conflict, whatever verb each uses.
    Not the start of two things (a fire and a strike), nor a date of no start, nor two
    days in one report."""
    a = mention(docs[0], "The fire broke out on Saturday, officials said.", "Saturday",
                "2026-07-04", head="break", kind="date")
    b = mention(docs[1], "The fire erupted on Sunday, ministers said.", "Sunday",
                "2026-07-05", head="erupt", kind="date")
    a = dataclasses.replace(a, extra={"verb": "break", **({"onset": onsets[0]} if onsets[0] else {})})
    b = dataclasses.replace(b, extra={"verb": "erupt", **({"onset": onsets[1]} if onsets[1] else {})})
    assert facts_mod.once_dated(a, b) is one_slot
    facts = _facts_by([a, b], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("text", "year", "named"), [
    ("Oderna has kept locomotives here since the company was founded in 1932.", "1932",
     "Oderna"),
    ("Oderna has kept locomotives here, and the halls were opened in 1958.", "1958", None),
    ("The company was founded in 1932.", "1932", None),
])
def test_linking_a_body_a_sentence_named_is_what_its_definite_subject_stands_for(
        text, year, named):
    """"Oderna has kept locomotives here since the company was founded in 1932": the
    company founded is Oderna, so its year meets another report's "Oderna, founded in
    1923" as one slot in conflict. Not a subject that is no body ("the halls"), nor a
    sentence that names none."""
    mentions, _ = read(text, "2026-03-17")
    m = next(m for m in mentions if m.text == year)
    assert m.extra.get("named") == named
    if named:
        other = dataclasses.replace(
            mention("b", "Founded in 1923, Oderna runs freight trains.", "1923", "1923",
                    kind="date"),
            subject="Oderna", extra={"verb": "found", "what": "Founded"})
        assert facts_mod.once_dated(dataclasses.replace(m, doc="a"), other)


def _toll(doc, sentence, text, value, who, day, *, time=None, bound="exact", frame=("kill",)):
    return dataclasses.replace(
        mention(doc, sentence, text, value, head="people", counted="people", said_by=who,
                frame=frame, time=time, bound=bound, low=value,
                high=math.inf if bound == "min" else value),
        extra={"day": day, "running": True})


@pytest.mark.issue(14)
def test_linking_a_lower_bound_outgrown_in_a_later_report_is_an_earlier_time():
    """"Has now killed at least 187" on Saturday, then 212 dead as of Wednesday and 214 in
    another report of the same Wednesday figures, headlined "toll hits 214" without a
    time: the bound is Saturday's toll (a time of its own, though 212 would satisfy it),
    and 212 against 214 for one time is a conflict. The headline is dated by the body of
    its own report, which states the same figure for Wednesday."""
    saturday = _toll("a", "The quake has now killed at least 187 people, the agency said.",
                     "187", 187.0, "the agency", "2026-02-21", bound="min")
    wednesday = _toll("b", "As of Wednesday, the agency put the toll at 212 dead.", "212",
                      212.0, "the agency", "2026-02-25", time="2026-02-25")
    restated = _toll("c", "Figures issued on Wednesday put the toll at 214 dead, the "
                     "Civil Protection Agency said.", "214", 214.0,
                     "the Civil Protection Agency", "2026-02-26", time="2026-02-25")
    headline = _toll("c", "Quake toll hits 214", "214", 214.0, None, "2026-02-26")
    facts = facts_of([saturday, wednesday, restated, headline])
    by_value = {tuple(sorted(m.value for m in f.mentions)): f.status for f in facts}
    assert by_value == {(187.0,): "single", (212.0, 214.0, 214.0): "conflict"}


@pytest.mark.issue(14)
def test_linking_a_figure_told_as_history_beside_its_update_is_not_live():
    """27 injured on the night of the crash; more than 40 in the hospital's count the next
    day; a week later a report recalls the first night's 27 and says officials now count
    43. The recalled 27 is history in a report that gives the tally beyond 40, not a live
    figure beside it: the 40 is a later time of the slot, not a dispute with the 27."""
    night = _toll("a", "The emergency service said 27 people had been injured.", "27", 27.0,
                  "the emergency service", "2026-03-08", frame=("injure",))
    next_day = _toll("b", "More than 40 people were injured, the hospital said.", "40", 40.0,
                     "the hospital", "2026-03-09", bound="min", frame=("injure",))
    recalled = _toll("c", "On the night of the crash, the agency put the number of injured "
                     "at 27.", "27", 27.0, "the agency", "2026-03-17", frame=("injure",))
    now = _toll("c", "Officials now say 43 people were hurt.", "43", 43.0, "officials",
                "2026-03-17", frame=("injure",))
    facts = facts_of([night, next_day, recalled, now])
    with_40 = next(f for f in facts if any(m.value == 40.0 for m in f.mentions))
    assert with_40.status != "conflict" and 27.0 not in {m.value for m in with_40.mentions}


@pytest.mark.issue(14)
@pytest.mark.parametrize(("sentence", "text", "toll"), [
    ("The death toll rose to three on Sunday night, officials said.", "three", "dead"),
    ("The number of schools used as shelters rose to three.", "three", None),
    ("Four people have died and three remain missing.", "three", "missing"),
    # the toll named far before its figure, and "the toll" alone: the dead
    (("The death toll from the airliner's crash at the northern airport rose to three on "
     "Sunday."), "three", "dead"),
    ("The toll stood at three on Saturday morning.", "three", "dead"),
])
def test_linking_a_toll_named_before_its_figure_in_its_clause_is_read(sentence, text, toll):
    """"The death toll rose to three": the figure names no toll of its own, but its clause
    does, before it; a clause before it ("four people have died and ...") is another's."""
    m = mention("a", sentence, text, 3.0)
    assert facts_mod.toll(m) == toll


@pytest.mark.issue(14)
def test_linking_another_tally_of_the_same_value_does_not_keep_an_old_toll_live():
    """At least three dead on Sunday, then "at least four people have died and three
    remain missing" on Tuesday: the four update the three dead. The Tuesday report's three
    are the missing, another tally, not the Sunday figure restated beside the new one."""
    sunday = _toll("a", "At least three people have died, officials said.", "three", 3.0,
                   "officials", "2026-07-06", bound="min", frame=("die",))
    tuesday = "At least four people have died and three remain missing, the media reported."
    four = _toll("b", tuesday, "four", 4.0, "the media", "2026-07-08", bound="min",
                 frame=("die",))
    missing = _toll("b", tuesday, "three", 3.0, "the media", "2026-07-08",
                    frame=("miss", "remain"))
    facts = facts_of([sunday, four, missing])
    with_four = next(f for f in facts if any(m.value == 4.0 for m in f.mentions))
    assert [m.doc for m in with_four.mentions] == ["b"]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("days", "statuses"), [
    (("2026-04-14", "2026-04-14"), ["conflict"]),
    (("2026-04-14", "2026-04-15"), ["conflict"]),
    # a week on, "the flood of 14 April, which killed eight people" dates the flood
    (("2026-04-14", "2026-04-21"), ["single", "single"]),
])
def test_linking_two_reports_tolls_for_one_day_are_a_dispute(days, statuses):
    """"Six people were killed on Tuesday" in one report and "eight people died on
    Tuesday" in another, each in its own voice and both of that day or the next: one
    toll for one day, stated two ways, is one slot in dispute, though neither report
    names a source. A report a week later that dates the flood, not its toll, is not."""
    a, b = (dataclasses.replace(
        mention(doc, sentence, text, value, head="people", counted="people",
                frame=(verb,), time="2026-04-14"),
        extra={"day": day})
        for doc, sentence, text, value, verb, day in (
            ("a", "A wall of water killed six people on Tuesday.", "six", 6.0, "kill",
             days[0]),
            ("b", "Eight people died on Tuesday when the water came.", "Eight", 8.0, "die",
             days[1])))
    assert facts_mod.one_tally(a, b) == (statuses == ["conflict"])
    facts = facts_of([a, b])
    assert sorted(f.status for f in facts) == statuses


@pytest.mark.issue(14)
@pytest.mark.parametrize(("clocks", "one_slot"), [
    (("21:40", "21:47"), False),  # capsized at 21:40, the distress call at 21:47
    (("20:25", "21:40"), False),
    (("21:40", "21:42"), True),   # outlets time one moment a minute or two apart
    (("07:00 GMT", "00:01 PDT"), True),  # two zones: no telling they are apart
])
def test_linking_two_times_of_one_day_are_two_moments(clocks, one_slot):
    """A timeline's steps on one day (the ferry left at 20:25, capsized at 21:40, called
    for help at 21:47) are each a slot of its own, never one moment in dispute: two times
    of one day further apart than a few minutes cannot be linked, and a date with no time
    of day does not chain them into one fact."""
    dated = [dataclasses.replace(
        mention(doc, f"The ferry capsized at {clock} on 12 June.", clock.split()[0],
                f"2026-06-12T{clock[:5]}", head="capsize", kind="date"),
        extra={"clock": clock})
        for doc, clock in zip("ab", clocks)]
    assert facts_mod.moments_apart(*dated) != one_slot
    assert facts_mod.cannot_link(*dated) != one_slot
    day = mention("c", "The ferry capsized late on Friday, 12 June.", "12 June",
                  "2026-06-12", head="capsize", kind="date")
    facts = facts_of([*dated, day])
    assert all(f.status != "conflict" for f in facts)
    assert not any({m.value for m in f.mentions} >= {m.value for m in dated}
                   for f in facts) or one_slot


@pytest.mark.issue(14)
@pytest.mark.parametrize(("other", "one_slot"), [
    ("It was the worst since the 1978 Tessaly tragedy, when 39 fans died.", True),
    # nothing told alike: two past events, or two facts of one
    ("It was the worst since the 1978 Tessaly tragedy.", False),
    # a score, a name, a share: no figure that singles out one event
    ("The side went on a 5-39 run in 1978 with the 76ers watching.", False),
    # another year in the sentence: its figure may be that year's
    ("Fans recalled 1978 and the 1983 final, when 39 fans died.", False),
    # years too far apart to be one event's
    ("It was the worst since the 1948 Tessaly tragedy, when 39 fans died.", False),
])
def test_linking_two_years_of_one_past_event_told_by_one_figure_conflict(other, one_slot):
    """"The 1987 crush, in which 39 people died" and "the 1978 Tessaly tragedy, when 39
    fans died": two reports date one past event, singled out by a figure both tell; the
    two years are one slot in dispute."""
    first = mention("a", "Until Saturday the worst was the 1987 crush, in which 39 people died.",
                    "1987", "1987", head="crush", kind="date")
    year = "1948" if "1948" in other else "1978"
    second = mention("b", other, year, year, head="tragedy", kind="date")
    assert facts_mod.past_alike(first, second) == one_slot
    facts = _facts_by([first, second], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("other", "one_slot"), [
    ("It is the worst since the 2009 Port Selin refinery inferno, which claimed 12 lives.",
     True),
    # another past event, or none named: nothing says the two count one toll
    ("It is the worst since the 2009 Varna mill fire, which claimed 12 lives.", False),
    ("It is the worst since 2009, when a fire claimed 12 lives.", False),
    # the story's own year: its own toll, which other rules read
    ("The 2026 Port Selin blast claimed 12 lives.", False),
])
def test_linking_two_reports_tolls_of_one_past_event_conflict(other, one_slot):
    """"In 2009 an explosion at the Port Selin refinery killed 11 workers" and "the 2009
    Port Selin refinery inferno, which claimed 12 lives": one past event, dated to one
    year and named alike, has one toll, so two reports' tolls of it are one slot in
    dispute, whatever noun each counts; nor is the later report's larger toll the
    earlier's update."""
    first = dataclasses.replace(
        mention("a", "In 2009 an explosion at the Port Selin refinery killed 11 workers.",
                "11", 11.0, head="worker", counted="workers", frame=("kill",), time="2009"),
        extra={"day": "2026-10-07"})
    second = dataclasses.replace(
        mention("b", other, "12", 12.0, head="life", counted="lives", frame=("claim",)),
        extra={"day": "2026-10-11"})
    assert facts_mod.toll(second) == "dead"
    assert facts_mod.past_toll(first, second) == one_slot
    facts = _facts_by([first, second], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
@pytest.mark.parametrize(("values", "agree"), [
    ((46.2, 45.9), False),  # a reading revised by three-tenths of a degree
    ((46.0, 46.2), True),   # the coarser figure rounds the finer
    ((44.9, 44.9), True),
])
def test_linking_measures_in_one_unit_agree_only_as_their_digits_round(values, agree):
    """"46.2C" and "45.9C" are two readings, not one within a converted figure's 2%: two
    exact measures in one unit agree only when the coarser rounds the finer."""
    a, b = (dataclasses.replace(
        mention(doc, f"The station logged {v:g}C on Tuesday.", f"{v:g}C", v, kind="measure"),
        unit="°c") for doc, v in zip("ab", values))
    assert facts_mod.compatible(a, b, SETTINGS.value_tolerance) == agree


@pytest.mark.issue(14)
@pytest.mark.parametrize(("time", "one_slot"), [("2003", False), (None, True)])
def test_linking_two_sources_figures_of_two_years_are_no_dispute(time, one_slot):
    """"A 12-day heatwave killed 214 people in 2003", the official figures said, and "the
    heatwave has killed 112 people", the ministry says in a report of 2026: two years, no
    dispute. Without the year the two are two sources' tolls of one heatwave."""
    old = dataclasses.replace(
        mention("a", "A 12-day heatwave killed 214 people, official figures said.", "214",
                214.0, head="people", counted="people", said_by="official figures",
                frame=("kill",), time=time),
        extra={"day": "2026-07-08"})
    new = dataclasses.replace(
        mention("b", "The heatwave has killed 112 people, the ministry says.", "112", 112.0,
                head="people", counted="people", said_by="the ministry", frame=("kill",)),
        extra={"day": "2026-07-13"})
    assert facts_mod.years_apart(old, new) != one_slot
    facts = _facts_by([old, new], _model(1.0, -10.0))
    assert sorted(f.status for f in facts) == STATUSES[one_slot]


@pytest.mark.issue(14)
def test_linking_two_doers_of_an_act_are_no_dispute():
    """"The hijackers demanded 50 million" and "a second group demanded 80 million": each
    source is the one who demanded, so the two figures are two demands, not two sources
    disagreeing over one. Sources who tell or reckon a figure ("police put the crowd at
    60,000", "organisers said 80,000 marched") still dispute it."""
    def sourced(doc, sentence, text, value, who, cue, frame, kind="amount"):
        return dataclasses.replace(
            mention(doc, sentence, text, value, said_by=who, frame=frame, kind=kind),
            extra={"said_by_cue": cue})
    hijackers = sourced("a", "The hijackers demanded 50 million marks.", "50 million marks",
                        5e7, "The hijackers", "demanded", ("demand",))
    group = sourced("b", "A second group demanded 80 million marks.", "80 million marks", 8e7,
                    "A second group", "demanded", ("demand",))
    assert facts_mod.actor(hijackers) and facts_mod.actor(group)
    assert not facts_mod.sources_disagree(hijackers, group)
    police = sourced("a", "Police put the crowd at 60,000.", "60,000", 6e4, "Police", "put",
                     ("put", "crowd"), kind="count")
    organisers = sourced("b", "Organisers said 80,000 marched.", "80,000", 8e4, "Organisers",
                         "said", ("march",), kind="count")
    assert facts_mod.sources_disagree(police, organisers)
