"""Who said it, more error classes of issue 15: each case is one class a careful reader gets
right, found on PolNeAR's development half A or listed in the issue. Every sentence here is
made up for the test."""

from __future__ import annotations

import pytest
from reading import read, speaker_of

from corroborator.models import Mention
from corroborator.nlp import make_nlp

pytestmark = pytest.mark.issue(15)


def _mention(text: str, figure: str) -> Mention:
    mentions, _ = read(text)
    hits = [m for m in mentions if figure in m.text]
    assert hits, f"no mention {figure!r} in {[m.text for m in mentions]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        ("Police estimated the crowd at 20,000, while organisers claimed 100,000.", "20,000",
         "Police"),
        ("The consulting firm Northwind estimated the cost at $4 million.", "$4 million",
         "Northwind"),
        ("The average shows the mayor ahead by 3.7 points.", "3.7", "average"),
        ("Health authorities reported 14 deaths, up from 9 a week earlier.", "9",
         "Health authorities"),
        ("Some 300,000 acres were damaged by mining, by one estimate.", "300,000", "estimate"),
        ("Unions say 1.2 million workers joined the strike; the government says 400,000.",
         "1.2 million", "Unions"),
        ("The WHO warned that 2 billion people lack safe water.", "2 billion", "WHO"),
        ("The court ruled that the 1993 law applied to the vote.", "1993", "court"),
        ("The Harbour Gazette has learned that 30 pilots quit in May.", "30", "Harbour Gazette"),
        ("The mill was thriving, Mr. Aldo Brandt said, until it closed in 1999.", "1999",
         "Aldo Brandt"),
        ("Rescuers found 12 survivors on Sunday, state media reported.", "12", "state media"),
        ("Ana Diaz cited endorsements from 88 retired judges.", "88", "Ana Diaz"),
        ("Police said 20 were arrested and 30 were hurt.", "30", "Police"),
        ("An aide said the mayor expects to move 100 families by June.", "100", "aide"),
        ("The city plans to move 100 families, an aide said.", "100", "aide"),
        ("The union wants a 40 percent raise.", "40 percent", "union"),
        (("A study by Harbour University found that 40% of tenants were behind on rent. The "
          "study also found that 12% had been evicted."), "12%", "Harbour University"),
        (("The Budget Office says it would cut revenue at first but would add $84 billion over "
         "10 years."), "$84 billion", "Budget Office"),
        ("The ministry’s latest bulletin lists 1,204 confirmed cases.", "1,204", "ministry"),
        ("A memo obtained by the Gazette says 300 jobs will go.", "300", "memo"),
        ("A complaint filed by the union says 300 workers were underpaid.", "300", "union"),
        ("The mayor leads her rival by 4 points in the new Civic Institute poll.", "4",
         "Civic Institute"),
        ("A spokesperson for the fire service, Ana Lima, said 9 crews were deployed.", "9",
         "Ana Lima"),
        (("Speaking with the governor and her cabinet members, Transport Secretary Ruth K. "
          "Alder, Jr., had said that there were four crashes and two more closures."), "four",
         "Ruth K. Alder"),
        (("In Dunmere, the largest town on the coast, KTV Harlow, citing local officials, "
          "reported 23 deaths."), "23", "KTV Harlow"),
        ("The Harlow Seismic Institute has stood by its magnitude of 6.8.", "6.8",
         "Harlow Seismic Institute"),
        ("The Northfield Geological Survey gave a higher magnitude of 7.1.", "7.1",
         "Northfield Geological Survey"),
    ],
)
def test_attribution_classes_source_found(text, figure, source):
    assert source in (_mention(text, figure).said_by or "")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The campaign asked Lena Holt, the host of this year's forum, to check claims.",
         "this year"),
        ("The spot concludes with footage from the debate last week.", "last week"),
        ("In his 2002 book, Mr. Aldo Brandt suggested saving each month.", "2002"),
        ("During his 7 years in office, Mr. Aldo Brandt said, the harbour grew.", "7 years"),
        ("In the poll, conducted in early May, the mayor led by 5 points.", "early May"),
        ("She saved in one of the 529 plans that your city probably offers.", "529"),
        ("Police said nothing and arrested 20 people at the gate.", "20"),
        ("The ministry did not confirm that 40 people had died.", "40"),
        ("Speaking to reporters after meeting Mayor Ana Lima, had said that 12 roads shut.",
         "12"),
        ("Critics of the Harlow Seismic Institute questioned the toll of 212.", "212"),
        ("The new stadium has its capacity of 40,000 seats.", "40,000"),
    ],
)
def test_attribution_classes_no_false_source(text, figure):
    assert _mention(text, figure).said_by is None


def test_attribution_classes_claim_with_an_object_is_no_speech():
    text = "The Times wrote that Mr. Brandt had claimed a loss of $9 million."
    assert "Times" in (_mention(text, "$9 million").said_by or "")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Harbour party nominee Gov.  Ana Ruiz said 20 staff left.", "Ana Ruiz"),
        ("Ana Lima, 45, said 20 staff left.", "Ana Lima"),
        ("A person familiar with the matter said the deal was worth $2 billion.",
         "person familiar with the matter"),
    ],
)
def test_attribution_classes_source_named_whole(text, name):
    got = _mention(text, "20" if "20 staff" in text else "$2")
    assert got.said_by == name


def test_attribution_classes_a_name_with_and_is_whole_when_the_tagger_misses_it():
    """"The Ardence Provincial Fire and Rescue Service said": the name is whole even when
    the tagger finds no entity (as it may in a long report), not "Rescue Service"; a list
    of two names is not one ("Smith and Jones said")."""
    from corroborator.nlp.sources import source_name

    doc = make_nlp()("The Ardence Provincial Fire and Rescue Service said 85% was contained.")
    doc.ents = []
    head = next(t for t in doc if t.text == "Service")
    assert source_name(doc, head)[0] == "Ardence Provincial Fire and Rescue Service"
    doc = make_nlp()("Officers Smith and Jones said 40 cars were towed.")
    doc.ents = []
    smith = next(t for t in doc if t.text == "Smith")
    assert "Jones" not in (source_name(doc, smith)[0] or "")


def test_attribution_classes_dateline_is_no_source():
    from corroborator.nlp.sources import source_name

    doc = make_nlp()("LOS ANGELES, May 28 (UPI) — The show drew 411 fans.")
    assert source_name(doc, doc[1]) == (None, None)  # ANGELES
    assert source_name(doc, doc[10])[0] == "show"


def test_attribution_classes_anonymous_kind():
    text = "A person familiar with the matter said the deal was worth $2 billion."
    assert _mention(text, "$2").extra["said_by_kind"] == "anonymous"


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        (("Sen. Paul Hart spoke first. Then Dr. Jane Okafor took the floor. He said 30 beds were "
         "empty."), "30", "Paul Hart"),
        ("Mayor Ines Varga arrived at dawn. She said 12 roads were shut.", "12", "Ines Varga"),
        ("Tom Reyes and Ana Lima spoke. She said 14 wells ran dry.", "14", "Ana Lima"),
        (("Ana Ruiz said the hearing would be long.\n\nThe committee's new chair, Maria Costa, "
         "opened the hearing. She said 12 witnesses would speak."), "12", "Maria Costa"),
        (("Ana Ruiz said the hearing would be long.\n\nThe hearing was opened by Maria Costa. "
         "She said 12 witnesses would speak."), "12", "Maria Costa"),
        ("Ana Ruiz spoke to Maria Costa on Monday. She said 12 witnesses would speak.", "12",
         "Ana Ruiz"),
        (("Hillary Ruiz campaigned with her husband, Bill Ruiz, on Monday. Ruiz later spoke at "
         "a rally. He said 40 counties were in play."), "40", "Bill Ruiz"),
    ],
)
def test_attribution_classes_pronoun_agrees_with_untagged_names(text, figure, source):
    got = _mention(text, figure)
    assert source in (got.said_by or "")
    assert got.extra["said_by_kind"] == "pronoun-resolved"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Mayor Ines Varga arrived at dawn. “We will rebuild the town,” she said.", "rebuild",
         "Ines Varga"),
        ("The ministry issued a statement. “The situation is under control,” it said.",
         "situation", "ministry"),
        ("“We are not leaving,” the protesters chanted.", "not leaving", "protesters"),
        ("“Why were 40 buses late?” Councillor Ana Lima asked.", "buses", "Ana Lima"),
        ("“Though there are 4 years to go, the town honoured him,” the article read.",
         "honoured", "article"),
        ("“Enough is enough!” shouted one marcher.", "Enough", "marcher"),
        ("Ana Lima met the mayor. “Where are the 40 buses?” she asked him.", "buses",
         "Ana Lima"),
        ("“Where are the 40 buses?” Ana Lima asked the mayor on Monday.", "buses", "Ana Lima"),
        ("The president called the ruling “a disgrace to the nation” in a speech.", "disgrace",
         "president"),
        ("According to Varga, “the strike will go on until we win.”", "strike", "Varga"),
        ("“We will not give up the fight” — Ana Lima, union leader", "give up", "Ana Lima"),
        ("Varga posted a video. “Well… Far too late,” he wrote.", "too late", "Varga"),
        # the name after the verb, which the parser makes the subject of a clause after it
        (("“He did everything right,” said Ana Prell, whose 19-year-old son, Mikel, died at "
          "the north end."), "everything right", "Ana Prell"),
    ],
)
def test_attribution_classes_quote_speaker(text, fragment, speaker):
    assert speaker in (speaker_of(text, fragment) or "")


def test_attribution_classes_transcript_turns():
    text = ('"HOST: Will the ferry run tomorrow?\n\n'
            '"MAYOR: Yes. We have 12 crews ready and two more on call.\n\n'
            '"And the harbour opens at 6 in the morning.\n')
    mentions, quotes = read(text)
    by_text = {m.text: m for m in mentions}
    assert by_text["12"].said_by == "MAYOR"
    assert by_text["12"].extra["said_by_cue"] == ":"
    assert [q.speaker for q in quotes] == ["HOST", "MAYOR", "MAYOR"]


def test_attribution_classes_anonymous_accounts_hedge_the_figure():
    got = _mention("According to anonymous accounts on X, 15 guards fled.", "15")
    assert got.said_by == "anonymous accounts"
    assert got.hedged
    assert got.extra["said_by_kind"] == "anonymous"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("sources", "anonymous"), ("people close to Mr. Ruiz", "anonymous"),
     ("Health officials", "nominal"), ("Ana Ruiz", "named"), ("the Harbour Board", "named")],
)
def test_attribution_classes_kind_of_a_name(name, kind):
    from corroborator.nlp.sources import kind_of

    assert kind_of(name) == kind


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Officials, speaking on condition of anonymity, said 8 drones were shot down.", "8"),
        ("“We saw 30 trucks,” said one driver, who asked not to be named.", "30"),
        ("A guard who was not authorized to speak publicly said 12 inmates escaped.", "12"),
    ],
)
def test_attribution_classes_unnamed_by_request_is_anonymous(text, figure):
    got = _mention(text, figure)
    assert got.said_by is not None
    assert got.extra["said_by_kind"] == "anonymous"


@pytest.mark.parametrize(
    ("headline", "figure", "source", "kind"),
    [
        ("Ruiz Says 40 Soldiers Wounded In Ambush", "40", "Ruiz", "named"),
        ("Officials Say 300 Homes Destroyed By Wildfire", "300", "Officials", "nominal"),
        ("Police Estimate Crowd At 40,000 As Protest Grows", "40,000", "Police", "nominal"),
    ],
)
def test_attribution_classes_title_case_headline(headline, figure, source, kind):
    got = _mention(headline + "\n\nThe story went on.\n", figure)
    assert (got.said_by, got.extra["said_by_kind"]) == (source, kind)


def test_attribution_classes_headline_rule_needs_title_case():
    got = _mention("Storm leaves 12 dead in the north, more rain due\n\nIt rained.\n", "12")
    assert got.said_by is None


def test_attribution_classes_quote_words_are_never_its_speaker():
    text = ("That same day, workers marched out of the plant on their lunch break, chanting "
            "“Strike now, strike now!”\n\nThe vote came on Thursday.\n")
    assert speaker_of(text, "Strike now") in (None, "workers")


def test_attribution_classes_a_voice_verb_with_its_own_object_is_no_tag():
    text = "Protesters carried signs declaring “He is finished now!” and chanted slogans."
    assert speaker_of(text, "finished") == "signs"
