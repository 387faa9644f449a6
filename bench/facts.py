"""Fit and judge the fact-linking model (``corroborator/reconcile/linking.py``) on the real stories.

For every story with a gold file in ``../shared/corpus`` the pipeline is run once;
each of its mentions that matches a gold mention (same report, equal value, a
sentence holding the anchor: as ``../shared/eval/score.py`` matches them) takes
that gold mention's fact. Every pair of such mentions of one gold event and one
dimension is a training pair: one slot or two.

Leave one story out: the model is fit on the other stories' pairs, the left-out
story is reconciled with it and scored by ``score.py``. The threshold and the
margin two disagreeing groups need are chosen the same way, inside the training
stories only (nested), never on the story scored. Also scored: the weights fit on
every story (in-sample), the naive baseline (one fact per event, dimension and
counted noun, as GDELT's counts are keyed) and the shipped weights.

usage: python bench/facts.py [--fit] [--write]
    --fit     print the weights fit on every story, to paste into linking.py
    --write   write the tables into bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from results import write_section  # bench/results.py (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from corroborator.models import Event, Fact, Mention
from corroborator.nlp.embed import embed
from corroborator.pipeline import build
from corroborator.reconcile import facts as reconcile
from corroborator.reconcile import linking
from corroborator.record.dossier import to_json
from corroborator.settings import Settings

HEADING = "## Fact linking on the real stories (leave one story out)"
FIGURES = ("mention_recall", "link_precision", "link_recall", "link_f1", "conflict_recall",
           "false_conflicts", "dossier_facts")
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
L2 = 1.0
HISTORY = (
    "Before disputes were judged apart from drift (commit aa9e9f2, scored by this script as it "
    "is now): left out, mean link F1 0.787, conflict recall 0.338, 1.25 false conflicts a "
    "story (protest-2025 0.703 / 0.600 / 2); shipped settings 0.804 / 0.350 / 1.25. Since: a "
    "dispute (two named sources of one counted thing, named alike, figures within a factor "
    "of 100, judged blind to the values) joins at the link threshold, not at threshold plus "
    "the disagreement margin, and a report's own figure takes the source the report names "
    "for the same figure elsewhere, so a headline's '325,000' against the police's 107,000 "
    "is no longer one voice contradicting itself (left out: 0.848 / 0.338 / 1.0). Then a day "
    "with its year in words ('October 18 of last year') became one date, not a day and a "
    "year (measles-2025: 3 false conflicts to 2). Extraction fixes of the same day (a "
    "report's date stamp read for its relative dates, 'no one was injured' as a count of "
    "none, ages) moved the nested choice of another fold (measles-2025 left out then got "
    "margin 0.5: 0.846 / 0.338 / 1.5). Then a drift of figures that name nothing needs the "
    "act that governs them shared ('a 97% efficacy rate', 'a goal of 95%'), and a dispute "
    "joins only when, blind to its values, one slot is more likely than two (log-odds 0: "
    "the natural bar, not fitted; the link threshold alone is a probability of 0.1): "
    "left out 0.861 / 0.400 / 1.25, strike-2024 0.780 -> 0.836 with its first conflict "
    "found and one false one, measles-2025 5 false conflicts -> 3. The factor of 100 is a round prior, not "
    "fitted: any factor from 35 (the widest dispute in the gold, 30,000 against 1 million) to "
    "1,300 gives the same records on these stories (at 1,500, 22 arrests join a crowd "
    "estimate of 30,000). Then (judged by this script, left out and weights only): a "
    "dispute needs one act governing both figures in any wording ('died' and 'were killed', "
    "not 'died' and 'were hospitalized': the first word of each frame that is not the "
    "figure's own, MiniLM cosine at least 0.6, the bar two counted phrases already meet to "
    "name one thing), and two figures that name nothing they count may be a dispute too "
    "when at least one has such an act ('police put attendance at 107,000', 'the monitor "
    "said 325,000'); a report contradicts itself only with two values of one counted thing, "
    "so a stray figure ('two doses') linked into one side no longer keeps a dispute apart; "
    "'pledged', 'promised' and 'vowed' are the act of the money they govern, not a reporting "
    "cue left out of the frame; a reporting verb whose subject the parser hung inside an "
    "opening phrase takes the name just before it; a definition's yardstick ('outbreaks, "
    "defined as 3 or more cases') is no figure. Left out 0.861 / 0.400 / 1.25 -> 0.898 / "
    "0.475 / 0.5; weights only 0.769 / 0.350 / 0.75 -> 0.898 / 0.475 / 0.5 (protest-2025 "
    "0.556 -> 0.932: its crowd's head-less figures meet as a dispute whatever the margin, so "
    "the nested choice of margin no longer decides it; left out it moved 0.943 -> 0.932); "
    "measles-2025 0.821 / 0.25 / 2 -> 0.959 / 0.75 / 1, the officials' one death against "
    "the secretary's two found. Requiring an act of both head-less figures instead left "
    "protest-2025 at 0.660 left out; without the pledge's act, a charity's pledge and a "
    "hull's insurance made a false conflict in the demo corpus. A figure stated for a day "
    "without its year ('177 cases as of Feb. 26' in a report with no date) is then compared "
    "at the one year its block states: the same figures (measles-2025's false conflict of "
    "177 against 470 cases on 19 March gave way to one of 177 against 34 hospitalised). "
    "Then close figures of one named counted thing, each under an act and the two acts one, "
    "are judged blind to their values as a dispute is ('a roof collapse killed 14 people', "
    "'killed 15 people'): left out 0.898 / 0.475 / 0.5 -> 0.900 / 0.525 / 0.5 (protest-2025 "
    "0.932 / 0.40 -> 0.943 / 0.60; no other story moved; the demo corpus keeps no false "
    "conflict). "
    "Then an amount, a duration or a measure that qualifies no noun measures its act "
    "('struck for 58 days' measures the strike, as 'the 57-day strike' does): left out "
    "0.900 / 0.525 / 0.5 -> 0.905 / 0.588 / 0.75 (strike-2024 0.855 / 0.25 -> 0.872 / 0.50; "
    "the nested choice gave measles-2025 margin 0.0, not 2.0: one more false conflict); "
    "weights only 0.900 / 0.525 / 0.5 -> 0.905 / 0.588 / 0.5. "
    "The shipped threshold and margin (0.1 / 3.0) are those chosen before; the nested "
    "choice over every story now lands on another pair, which scores lower in sample than "
    "the shipped one: with four stories the choice is noisy. "
    "Then (session of 6 December; left out / weights only, each step on all four stories, "
    "the demo corpus and, from the fourth step, the 43 ECB+ topics of bench/alarms.py): "
    "two reports' years of one named thing are one fact in conflict, judged blind to the "
    "values ('the 1798 Alien Enemies Act', 'the 1789 Wartime Act'; cecot-2025 0.844 / 0.5 "
    "-> 0.917 / 1.0), a counted noun's own participle ('20 people hospitalized') and a "
    "vote's purpose ('voted to strike') lead the frame: 0.905 / 0.588 / 0.75 -> 0.923 / "
    "0.713 / 0.75. Two counts one apart are close ('no one' and 'one person'), 'no one' "
    "counts persons: protest-2025 conflict recall 0.6 -> 0.8, 0.923 / 0.762 / 0.75 "
    "(folding 'people' into 'person' everywhere instead: measles-2025 0.959 -> 0.848). "
    "Dates of one act were judged as named things too ('built in 1998', 'built in "
    "1989'): the four stories did not move, the demo found its ferry's year, but on ECB+ "
    "the conflicts raised went 34 -> 45, nearly all false ('won in 2001', 'won in 2005'), "
    "so that was taken back. Then figures whose values disagree join only as a dispute or "
    "a drift, never on the disagreeing model's score alone, a named group is one slot "
    "whatever act each report puts it under ('23 MS-13 members' arrived, '21 MS13 gang "
    "members' were deported), a share needs an act on both sides, and one report in one "
    "voice never disputes itself pair by pair: 0.923 / 0.762 / 0.75 -> 0.923 / 0.762 / "
    "0.50, ECB+ alarms 34 -> 26; an acronym names its body ('USGS'), a condition's figure "
    "('if just one cable were down') is no claim, a parenthetical amount in another "
    "currency is a conversion: ECB+ 26 -> 24, the gold stories unchanged. Tried and "
    "dropped: the acts as two more model features (left out 0.905 -> 0.853), a copula's "
    "predicate as the act ('19 people were unaccounted for'; protest-2025 lost its June "
    "crowd: 'present' and 'attend' are not one act by the word), both acts required of "
    "counted figures (0.923 -> 0.878). "
    "Last, 'there have been 177 cases' has the act of being, not none (which any act "
    "would match), and a naming ('outbreaks, defined as 3 or more cases') is no act of "
    "the outbreaks: measles-2025's false conflict of 177 cases against 34 hospitalised "
    "ones goes, 0.923 / 0.762 / 0.50 -> 0.924 / 0.762 / 0.25 (the existential alone, "
    "without the second half, had cost the CDC's three outbreaks against Kennedy's four). "
    "Then (session of 6 December, second): counts under a hundred are counted, not "
    "estimated, and two sources dispute one only within a factor of three (one death or "
    "two; not 56 injured and 3 injured, the tolls of two incidents): left out 0.924 / "
    "0.762 / 0.25 -> 0.933 / 0.762 / 0.00 (protest-2025 0.946 / 0.80 / 1 -> 0.982 / 0.80 "
    "/ 0; no other story moved), ECB+ alarms 21 -> 20; a factor of six gives the same left-out "
    "records and alarms. Extraction of the same session (scores, calibres, magnitudes, fractions, "
    "ages set off by commas, populations, '$US1 million'), a rise and a fall kept apart "
    "and date stamps read only from lines of a date left the four stories unchanged "
    "(ECB+ alarms 24 -> 18 over the session; 17 with a percent that compares as its own "
    "slot). "
    "Tried and dropped: two outlets' own voices counted as two sources of a dispute "
    "(strike-2024 0.872 / 0.50 -> 0.775 / 0.25 with a false conflict); places a figure is "
    "stated for ('52 percent in Egypt') as a cannot-link (measles-2025 0.962 -> 0.881: "
    "Texas and its counties nest); a time stated apart only when most of each side is dated "
    "(measles-2025 found its 18 against 20 hospitalised, but with a stray count of one "
    "hospital's children in it: a false conflict); only two reports' dates of one named "
    "thing as a dispute of dates (measles-2025 lost the day its first child died); a "
    "share's drift only with an act on both sides (ECB+ alarms unchanged in number). Then "
    "(session of 6 December, third): figures that agree only by rounding are one slot only "
    "under one act ('94.6% voted to reject the contract' is not '95% voted to strike', "
    "though 95 rounds 94.6), in both phases, and a share whose whole goes unsaid ('96% "
    "voted to strike') may be a share of the whole another report names ('95% of Boeing "
    "employees'): left out 0.933 / 0.762 / 0.00 -> 0.949 / 0.825 / 0.00 (strike-2024 "
    "0.872 / 0.50 -> 0.933 / 0.75: its 96% against 95% found; no other story lowered), "
    "ECB+ alarms 17, unchanged. Tried and dropped: the same for approximations ('around "
    "20' and 20), with or without one counted noun as an alternative to one act: "
    "measles-2025 found its 18 against 20 hospitalised (a hospital's 'around 20' children "
    "kept apart), but on ECB+ two true disagreements were lost (19 or about 20 wives; a "
    "turnout of 88, 90 or 94%) and a strike's 'some 33,000 workers' split from its "
    "33,000; phase one joining equal values only (left out 0.933 -> 0.923). Then two "
    "reports' years of an act that befalls a named thing once (built, founded, born, died: "
    "'the Lirio Star, a ferry built in 1998', 'the Lirio Star was built in 1989') are one "
    "slot in conflict: the four stories unchanged, the demo corpus 0.79 / 0.33 / 0 -> "
    "0.81 / 0.67 / 0, ECB+ alarms 17, unchanged (the earlier version, any act's dates, had "
    "raised 11 false ones: 'won in 2001', 'won in 2005'). Then (fourth session of 6 "
    "December) the times a group is stated for are read from its exact figures when it has "
    "any: an approximation that joined them (a doctor's 'around 20' children, told on "
    "Wednesday) no longer dates the secretary's exact 20 away from the state's 18 'as of "
    "Tuesday' as two points of a series. Left out 0.949 / 0.825 / 0.00 -> 0.952 / 0.887 / "
    "0.25: measles-2025 0.962 / 0.75 / 0 -> 0.975 / 1.00 / 1 (the doctor's figure, a slot "
    "of its own in gold, is one side of the dispute it joined: the false conflict), the "
    "other stories, the demo corpus and the ECB+ alarms (17) unchanged. Then 'put the "
    "number of missing at 23' counts the missing (people, said to be missing), and a range "
    "of one thing ('between 20 and 25 vehicles' carried) is no figure of another under "
    "another act ('23' missing) however the intervals meet: the four stories unchanged, "
    "the demo corpus 0.85 / 0.67 / 0 -> 0.89 / 1.00 / 0 (the union's 23 missing against "
    "the coast guard's 19 found), ECB+ alarms 17, unchanged. Tried and dropped: the same "
    "for any figures that agree only as intervals (approximations, bounds): left out "
    "0.952 -> 0.962 (cecot-2025 0.917 -> 0.957; measles-2025 lost its false conflict, the "
    "hospital's 'around 20' children no longer joining the secretary's 20), but on ECB+ "
    "a true disagreement was lost (19 or about 20 wives) and two false ones raised; "
    "'put the crowd at 36,000' counting the crowd (a crowd, a turnout, a toll are numbers "
    "of people already: the protest's 800,000 fell out of its dispute). Fifth session of 6 "
    "December, classes read from stories written for the project (bench/written.py): two "
    "durations one unit apart drift; roles (a cap, a goal, a demand, an offer) and tolls "
    "(the dead, the injured, the missing, ...) keep slots apart, one toll under two verbs "
    "is one act; a running tally grown in a later day's report is its update; a bare share "
    "is not rounded to another; a toll of people is no count of things ('261 inmate "
    "deaths', 'over 250 gang members'). Left out 0.952 / 0.887 / 0.25 -> 0.962 / 0.887 / 0.25 "
    "(cecot-2025 0.917 -> 0.957, measles-2025 0.975 -> 0.969, protest-2025 0.985 -> "
    "0.982, strike-2024 0.933 -> 0.938); in the shipped build cecot-2025's link F1 0.917 "
    "-> 0.957, strike-2024's 0.942 -> 0.947 (a cap of 38 a month no longer the goal of "
    "38), the demo's 0.887 -> 0.906. Sixth session of 6 December (written stories again): "
    "a bound holds many values as a range does ('more than 60 firefighters' is no figure "
    "of '148 passengers'), two sources' counts that name nothing are disputed only within "
    "a factor of ten ('212 of them' and a crowd of 8,000), a toll is read to the end of "
    "its clause ('two of them in a serious condition'), and a byline's date dates no "
    "thing: left out 0.962 / 0.887 / 0.25 -> 0.962 / 0.887 / 0.25 (protest-2025 0.982 -> "
    "0.985, no other story moved). Tried and dropped: a date said to be the day someone "
    "spoke ('said on Monday') as no side of a dispute (right, but measles-2025 had found "
    "its first death's day only through two outlets' days of saying: conflict recall 1.0 "
    "-> 0.75); counts that name nothing disputed only under one act (protest-2025 0.985 "
    "-> 0.717: its crowd's head-less estimates share no act); a count of persons never one "
    "slot with a count of things (measles-2025 0.975 -> 0.900: cases are people). Seventh "
    "session (7 December): a pair of figures from two sources is evidence of a dispute only "
    "when the two disagree ('at least $300 million' diverted and $640 million of losses "
    "agree, so they join no dispute): left out unchanged, 0.962 / 0.887 / 0.25; ECB+ alarms "
    "19, unchanged. Then a later day's larger toll is the toll updated even from another "
    "source (the police's 47 detained on Monday, the minister's 214 a week later), unless a "
    "report of that day or after still gives the earlier figure (then both are live: the "
    "coast guard's 112 rescued restated the day the governor said 121 is a dispute); and a "
    "multiplier ('10 times more likely', 'three times the 600') is a ratio, never disputed: "
    "left out unchanged, the demo unchanged, ECB+ alarms 19, unchanged (as counts of times, "
    "'three' and 'five times faster' had made a false one); written stories below. Eighth session (7 December; classes read from the written "
    "stories' missed and false conflicts, each kept only when the four stories, the demo "
    "and the ECB+ alarms held): a toll stated for the day its figures were released and a "
    "tally said to still stand for its report's day; a whole count exact (212 is not 214); "
    "an amount, duration or measure the value of what a verb of value gives it to ('losses "
    "will reach', 'puts the crew's duty at'); a bound of an amount under another act no "
    "figure of it; two reports' days of the start of a thing named definitely ('the fire "
    "broke out', 'erupted') one slot; two approximations agreeing only when they round to "
    "one figure; an estimate whose noun goes unsaid counting the people of its act; 'the "
    "company' founded standing for the firm its sentence named; a bound and a figure "
    "naming nothing under no act kept apart; a duration with 'be' measuring the state that "
    "lasted ('on duty for 13 hours'): left out unchanged, 0.962 / 0.887 / 0.25; ECB+ alarms 19, unchanged. Tried and dropped: "
    "fitting the weights on the written stories too (left out 0.962 -> 0.922)."
    " Ninth session (7 December): a share put for a thing and ages read as one measure of "
    "their thing (two reports' ages of one thing named definitely one slot): left out "
    "unchanged, ECB+ alarms 19 -> 18. Two outlets' own sums of one thing told in the present "
    "('a company already wallowing in $60 billion debt', 'the business owes $45 billion'; "
    "the thing is the noun the sum is of or the act it measures, alike by MiniLM cosine 0.6; "
    "not sums of past acts: two defendants' forfeitures) are one slot in dispute: left out "
    "0.962 / 0.887 / 0.25 -> 0.964 / 0.950 / 0.25 (strike-2024 0.938 / 0.75 -> 0.947 / "
    "1.00; the first try, without the present tense, made the trial story's two "
    "forfeitures a false conflict). A count 'of them' is no side of a dispute, a "
    "participle with its own object is its noun's act, a bare number answering a figure "
    "under the same verb counts what it counts: left out unchanged, ECB+ alarms 18 -> 17. "
    "Tried and dropped: one noun under two unalike acts as two things beside a bound (left "
    "out 0.964 -> 0.932: cecot-2025 0.957 -> 0.898 with the weights of the other three "
    "stories; one more ECB+ alarm)."
    " Tenth session (7 December; classes read from the written stories, each step kept "
    "only when the four stories, the demo and the ECB+ alarms held): a running tally's "
    "lower bound outgrown in a later report is an earlier time in the first phase too, "
    "unless the two groups state a figure for one time (the first-phase update rule "
    "dropped in the eighth session, now with that exception and a headline dated by its "
    "body); a figure recalled as history beside its own update, and only the same tally "
    "restated, keep an old toll live; bare numbers of joined clauses, 'puts the number at "
    "N', 'a crew of 11', a toll named before its figure, two reports' ages joined as "
    "groups, equal bounds of unlike nouns under unlike acts kept apart: left out unchanged "
    "(0.964 / 0.950 / 0.25), the demo's link F1 0.906 -> 0.953, ECB+ alarms 17 -> 18 (a "
    "true disagreement of 50 against 55 wounded found, one false alarm gone, one come). "
    "Tried and dropped: a bound kept from a figure of an unlike noun whose act goes unsaid "
    "(ECB+ alarms 18 -> 20); two figures of unlike nouns under unlike acts kept apart "
    "whatever their bounds (left out strike-2024 0.955 -> 0.878 in the shipped build: nouns "
    "and acts vary with every wording)."
    " Eleventh session (8 December; classes read from the written stories, the crush "
    "among them): equal small counts of unlike things kept apart ('three bridges', 'three "
    "radial gates', 'a panel of three engineers'; MiniLM cosine of the nouns under 0.4, "
    "not two nouns of people, a toll or a unit), a part never its whole ('four of the six "
    "gates'), speeds as measures, a duration giving only its unit answering the one "
    "before it: left out 0.964 / 0.950 / 0.25 -> 0.966 / 0.950 / 0.25 (measles-2025 0.969 "
    "-> 0.977), ECB+ alarms 18 -> 19 (one report's three cables damaged against another's "
    "two). The bar of 0.4 was read over all fifteen stories with gold, not one: at 0.45 "
    "'observers' and 'monitors' (one slot in gold) would part, at 0.35 fewer unlike pairs "
    "do. Tried and dropped: "
    "the rule on any pair of small counts, whatever their values (ECB+ alarms 18 -> 20)."
    " Later that session: a count added to a tally ('two more people died') no longer "
    "parts an event, and attribution read from the written stories: left out unchanged "
    "(0.966 / 0.950 / 0.25), ECB+ alarms 19. Tried and dropped, each for false conflicts "
    "on the written stories with no conflict found: two sources' estimates within a "
    "factor of 1.5 as one crowd whatever their acts; nouns alike by embedding (cosine "
    "0.6) or one toll as one thing for a dispute; reckoning verbs ('put', 'according to', "
    "'ranged') as no act. Last, the day a figure that does not run on was said is not "
    "the time it is stated for (a crowd 'saying 61,000' on Monday): left out unchanged, "
    "ECB+ alarms 19, the crush's link F1 0.647 -> 0.701."
    " Twelfth session (classes read from two new written stories, a ferry capsizing and a "
    "chemical plant explosion): a time of day part of its date and never a dispute, a "
    "weekday before its date one date with it, a limit no side of a dispute over what it "
    "limits, a measure that names no noun of what it holds ('waves were about 2.5 metres'), "
    "a count under a hundred disputed by a larger one only within a factor of ten (a "
    "factor of three lost the election's 47 stations against 'more than 300'), a number "
    "to dial no figure: left out unchanged (0.966 / 0.950 / 0.25), ECB+ alarms 19 (a "
    "holder read from 'a magnitude of 6.1' had raised two: a dimension is no holder). "
    "Tried and dropped: a toll's day of deaths as no time it is stated for (the flood's and "
    "the quake's tolls of other days merged); a hedged figure as no update of a tally (the "
    "crush 0.705 -> 0.611); one toll against no toll never a dispute (no gain). The in-sample "
    "table (margin 0.0, not shipped) has one more false conflict on strike-2024 (0.25 -> "
    "0.50 a story); the shipped build and the left-out figures have none."
    " Thirteenth session (classes read from the written stories, a new heatwave among "
    "them; each step scored here, on the demo and on the ECB+ alarms): two times of one "
    "day minutes apart two moments, never linked; two reports' tolls for one day (each "
    "of that day or the next) a dispute whoever they credit; two reports' years of one "
    "past event told by the same figure, and two reports' tolls of one past event named "
    "alike, disputes; two sources' figures of two years no dispute; two exact measures in "
    "one unit agreeing only as their digits round ('46.2C', '45.9C'): left out unchanged "
    "(0.966 / 0.950 / 0.25), ECB+ alarms 19 (the past event's year first raised one on "
    "a basketball story, '19 seasons' against 'a 5-19 start' and 'the 76ers': scores and "
    "names are no figures of an event). Tried and dropped: figures that go back and forth "
    "as no series (series broke); own voice against a named source, or one sentence's "
    "figures, as no self-contradiction, and an earlier source's figure restated beside a "
    "later one as live (each raised false conflicts on the written stories)."
    " Fourteenth session (classes read from the written stories, a volcanic eruption and "
    "the mine among them): 'the number of X' given its figure by a verb counts X; a date "
    "deep in a clause on the counted noun is another act's, and a period ('between "
    "October 18 and March 19') dates its sentence's figures as of its end wherever the "
    "parse hangs it; two sources who each did what the figure measures ('demanded 50 "
    "million', 'demanded 80 million'; not telling, reckoning, pledging or 'according "
    "to') are two doers, no dispute (its first version took 'according to the army' for "
    "an act: protest-2025 0.985 -> 0.893 in the shipped build); 'we' and "
    "'our' the report's issuer: left out unchanged (0.966 / 0.950 / 0.25), ECB+ alarms "
    "19. Tried and dropped: the outlet's restated earlier figure kept live whoever gave "
    "it; 'exceeds 300' as a lower bound (wider intervals joined look-alikes)."
    " Sixteenth session (classes read from the written stories' dev split; each step "
    "scored here, on the demo, the written stories and the ECB+ alarms): one sentence "
    "that sets two named sources' figures of one kind against each other ('the union says "
    "400 workers were on the shift, while the company puts the crew at 260') is one slot "
    "in dispute however each is worded, but not what each source wills (a pledge, an "
    "offer); a figure a sentence denies ('480 metres, not 420 metres as the company has "
    "claimed') is in dispute with its correction, no voice contradicting itself; 'the "
    "death toll from the crash at X rose to four' and 'the toll' alone are the dead's; a "
    "named toll and a count that names none are not judged one slot blind to their "
    "values: left out unchanged (0.966 / 0.950 / 0.25), ECB+ alarms 19 (a poll's two "
    "shares in one sentence had raised one until a share of those asked stopped being a "
    "source). Tried and dropped, each measured on the written stories: a logistic model "
    "of which disagreeing pairs are one slot, fit leave-one-story-out on the pairs of the "
    "fifteen dev written stories and the four real ones (the features here plus the "
    "rules' own tests, the cosine of the things and of the acts, the report days apart, a "
    "later larger figure, each mention's best match in the other report): average "
    "precision 0.28 against a base rate of 0.03, where the rule that judges disputes "
    "blind holds precision 0.45 at recall 0.14 (the model or the rule: 0.43 at 0.18), so "
    "the rule stays; nouns alike by embedding (cosine 0.6) as one thing for a dispute "
    "(dev link F1 0.747 -> 0.738, false conflicts 1.80 -> 2.07); only equal values, or "
    "only equal dates, bridging disagreeing groups (false conflicts down, but measles-2025 "
    "lost the day its first child died, found only through a month that covers both "
    "days); equal counts of unlike nouns kept apart at any value (strike-2024 0.955 -> "
    "0.913); a day as no specific value (held-out link F1 0.681 -> 0.680); adjacent "
    "sentences' figures of two named sources as a dispute (conflict recall up, false "
    "conflicts 1.80 -> 2.47); 'the real figure was 400' counting what was just counted "
    "(held-out link F1 0.681 -> 0.679); a report's publication date ('a report published "
    "in June 2024') as no time of its figures, and a byline's date as no mention (no gain; "
    "the second cost the wildfire its events); a lone figure joining a dispute of three or "
    "more only on the average of its pairs, not its best one (dev conflict recall 0.597 -> "
    "0.486, cecot-2025 1.0 -> 0.5: a dispute's lone side is common and right)."
    " The seventeenth session kept three readings of the evidence that parts a dispute's "
    "sides: a perfect-tense verb setting a quantity at a figure reckons ('have reconciled"
    " the quantity at 310 tonnes') and is no running tally; a denial pair of one sentence"
    " ('EUR 2.1 million, not the EUR 1.2 million it quotes') lifts the update check; a "
    "source's 'figure', 'number', 'total' or 'claim' is no act it did. Left out mean link"
    " F1 0.966, conflict recall 0.950, false conflicts 0.25, unchanged; written dev link "
    "F1 0.756 -> 0.764, held out 0.686 -> 0.688. Tried and dropped: every pair of "
    "stated_one lifting the update check (held-out false conflicts 2.33 -> 2.50); negated"
    " verbs and 'its figure of N' as no tally (the same); 'still' beside a verb of saying"
    " as no tally (crush 0.696 -> 0.841, two held-out false conflicts); a figure in a "
    "report's own voice as a source apart from a named one in the update check (dev link "
    "F1 down, false conflicts up on both splits)."
    " Nineteenth session (8 December; classes read from the written stories' dev false "
    "conflicts, each kept only when the four stories, the demo, the written stories and the"
    " ECB+ alarms held): a part of the day the parse makes a date's thing ('on Wednesday "
    "morning') and a byline's or dateline's date are no side of a dispute of dates; two "
    "figures that name nothing are disputed only under one act in any wording; a percent a "
    "count puts a named one at is that one's share; a date given as a thing's value ('gave"
    " the opening year as 1971') dates the thing: left out unchanged (0.966 / 0.950 / "
    "0.25), ECB+ alarms 19. Tried and dropped, again: the day a thing was said as no side "
    "of a dispute (measles-2025 1.0 -> 0.75, as in the sixth session); and 'people' as "
    "naming nothing (the demo's conflict 1.0 -> 0.33)."
)


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORE = _scorer()


class Story:
    """One real story: its record as the pipeline builds it, its gold, and the gold fact of
    each mention that matches a gold mention."""

    def __init__(self, folder: Path, settings: Settings, *, gold_events: bool = False) -> None:
        self.name = folder.name
        self.gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
        self.record = build([folder], settings, story=self.name)
        if gold_events:  # linking alone, on the events gold gives
            events = tuple(Event(e, e, tuple(map(str, ds)))
                           for e, ds in self.gold["events"].items())
            self.record = replace(self.record, events=events)
        self.gold_event = {str(d): e for e, ds in self.gold["events"].items() for d in ds}
        self.fact_of: dict[str, str] = {}
        for gf in self.gold["facts"]:
            for gm in gf["mentions"]:
                anchor = SCORE.norm(gm["anchor"])
                for m in self.record.mentions:
                    if (m.doc == str(gm["doc"]) and anchor in SCORE.norm(m.sentence)
                            and SCORE.value_matches(gm["value"], m.value)):
                        self.fact_of.setdefault(m.id, gf["id"])

    def pairs(self, tol: float) -> tuple[np.ndarray, np.ndarray]:
        """Features and labels of the pairs of matched mentions of one gold event and one
        dimension."""
        ms = [m for m in self.record.mentions if m.id in self.fact_of and m.value is not None]
        vecs = [embed([text(m) for m in ms]) for text in linking.TEXTS]
        x, y = [], []
        for i, j in itertools.combinations(range(len(ms)), 2):
            a, b = ms[i], ms[j]
            if (reconcile.dimension(a) != reconcile.dimension(b)
                    or self.gold_event.get(a.doc) != self.gold_event.get(b.doc)
                    or reconcile.cannot_link(a, b)):
                continue
            x.append(linking.features(a, b, [float(v[i] @ v[j]) for v in vecs],
                                      reconcile.compatible(a, b, tol)))
            y.append(float(self.fact_of[a.id] == self.fact_of[b.id]))
        return np.array(x).reshape(-1, len(linking.FEATURES)), np.array(y)

    def score(self, facts: Sequence[Fact]) -> dict[str, Any]:
        record = replace(self.record, facts=tuple(facts))
        result, _, _ = SCORE.score(self.gold, to_json(record))
        return dict(result)

    def event_of(self) -> dict[str, str]:
        return {d: e.id for e in reversed(self.record.events) for d in e.documents}


def reconciled(story: Story, model: linking.LinkModel, threshold: float, margin: float,
               settings: Settings) -> list[Fact]:
    old = reconcile.DISAGREE_MARGIN
    reconcile.DISAGREE_MARGIN = margin
    try:
        return reconcile.reconcile(story.record.mentions, story.event_of(), threshold=threshold,
                                   tolerance=settings.value_tolerance, context="minilm",
                                   model=model)
    finally:
        reconcile.DISAGREE_MARGIN = old


def naive(story: Story, settings: Settings) -> list[Fact]:
    """One fact per event, dimension and counted noun (GDELT's counts are keyed so)."""
    groups: dict[tuple[str, str, str], list[Mention]] = {}
    event_of = story.event_of()
    for m in story.record.mentions:
        if m.value is not None:
            key = (event_of.get(m.doc, ""), reconcile.dimension(m), m.head or m.text)
            groups.setdefault(key, []).append(m)
    return [reconcile.make_fact(g, k[0], settings.value_tolerance) for k, g in groups.items()]


def fit(stories: Sequence[Story], data: dict[str, tuple[np.ndarray, np.ndarray]]
        ) -> linking.LinkModel:
    """Two sets of weights: for pairs whose values agree, and for pairs whose do not."""
    x = np.vstack([data[s.name][0] for s in stories])
    y = np.concatenate([data[s.name][1] for s in stories])
    agree = x[:, linking.FEATURES.index("compatible")] == 1
    fitted = []
    for rows in (agree, ~agree):
        weights, bias = linking.fit(x[rows], y[rows], l2=L2)
        fitted.append((tuple(weights), bias))
    return linking.LinkModel(fitted[0], fitted[1])


def utility(r: dict[str, Any]) -> float:
    """What the choice of threshold and margin maximises: link F1 and conflict recall, less
    a quarter for each false conflict."""
    return ((r["link_f1"] or 0.0) + (r["conflict_recall"] or 0.0)
            - 0.25 * r["false_conflicts"])


def choose(stories: Sequence[Story], data: dict[str, tuple[np.ndarray, np.ndarray]],
           settings: Settings) -> tuple[float, float]:
    """The threshold and margin that do best on average over ``stories``, each scored with
    the model fit on the others (nested leave-one-out inside the training stories)."""
    models = {s.name: fit([t for t in stories if t is not s], data) for s in stories}
    best, choice = -np.inf, (0.5, 0.0)
    for threshold, margin in itertools.product(THRESHOLDS, MARGINS):
        total = sum(utility(s.score(reconciled(s, models[s.name], threshold, margin, settings)))
                    for s in stories)
        if total > best + 1e-9:
            best, choice = total, (threshold, margin)
    return choice


def table(rows: dict[str, dict[str, Any]], title: str) -> str:
    lines = [f"**{title}**", "", "| story | " + " | ".join(FIGURES) + " |",
             "|---" * (len(FIGURES) + 1) + "|"]
    for name, r in rows.items():
        cells = [f"{r[k]:.3f}" if isinstance(r[k], float) else str(r[k]) for k in FIGURES]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    means = []
    for k in FIGURES:
        vals = [r[k] for r in rows.values() if r[k] is not None]
        means.append(f"{np.mean(vals):.3f}" if vals else "")
    lines.append("| **mean** | " + " | ".join(means) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--gold-events", action="store_true",
                        help="block by the gold events (linking alone, without event errors)")
    args = parser.parse_args()
    settings = Settings()
    folders = sorted(p.parent for p in (SHARED / "corpus").glob("*/gold.yaml"))
    stories = [Story(f, settings, gold_events=args.gold_events) for f in folders]
    data = {s.name: s.pairs(settings.value_tolerance) for s in stories}
    left_out, in_sample, baseline, shipped, fixed = {}, {}, {}, {}, {}
    chosen: dict[str, tuple[float, float]] = {}
    for s in stories:
        others = [t for t in stories if t is not s]
        threshold, margin = choose(others, data, settings)
        chosen[s.name] = (threshold, margin)
        left_out[s.name] = s.score(reconciled(s, fit(others, data), threshold, margin, settings))
        fixed[s.name] = s.score(reconciled(s, fit(others, data), settings.link_threshold,
                                           reconcile.DISAGREE_MARGIN, settings))
        baseline[s.name] = s.score(naive(s, settings))
        shipped[s.name] = s.score(reconcile.reconcile(
            s.record.mentions, s.event_of(), threshold=settings.link_threshold,
            tolerance=settings.value_tolerance, context="minilm"))
    everything = fit(stories, data)
    threshold, margin = choose(stories, data, settings)
    for s in stories:
        in_sample[s.name] = s.score(reconciled(s, everything, threshold, margin, settings))
    text = "\n\n".join([
        HEADING,
        "`python bench/facts.py --write`. Mentions as the pipeline finds them and events as it "
        "groups them; facts by the link model of `corroborator/reconcile/linking.py`. Left out: fit on "
        "the other stories, threshold and disagreement margin chosen by leave-one-out inside "
        "those stories (chosen per story: "
        + ", ".join(f"{k} {t}/{m}" for k, (t, m) in chosen.items()) + ").",
        table(left_out, "left out (the figure that counts)"),
        table(fixed, f"left out, weights only (threshold {settings.link_threshold} and margin "
                     f"{reconcile.DISAGREE_MARGIN} held at the shipped values, not chosen per "
                     "fold: how the fitted weights carry, apart from the noise of choosing two "
                     "constants on three stories)"),
        table(in_sample, f"in sample (fit on every story; threshold {threshold}, margin {margin})"),
        table(shipped, "the shipped weights and settings (`corroborator build`)"),
        table(baseline, "naive baseline: one fact per event, dimension and counted noun"),
        "Weights fit on every story (L2 " + str(L2) + "):\n\n"
        + "| feature | agreeing pairs | disagreeing pairs |\n|---|---|---|\n"
        + "\n".join(f"| {f} | {w:+.2f} | {v:+.2f} |" for f, w, v in
                    zip(linking.FEATURES, everything.agree[0], everything.disagree[0]))
        + f"\n| bias | {everything.agree[1]:+.2f} | {everything.disagree[1]:+.2f} |",
        HISTORY,
    ])
    print(text)
    if args.fit:
        for name, (weights, bias) in (("AGREE", everything.agree), ("DISAGREE", everything.disagree)):
            print(f"{name} = (" + ", ".join(f"{w:.2f}" for w in weights) + ")")
            print(f"{name}_BIAS = {bias:.2f}")
        print(f"threshold {threshold}, margin {margin}")
    if args.write:
        write_section(ROOT / "bench" / "RESULTS.md", HEADING, text)


if __name__ == "__main__":
    main()
