"""Issue 15: every claimer (a mention's said_by, a quote's speaker) occurs in its own report,
as the report names it; names merged across reports never rewrite it."""

import re
from pathlib import Path

import pytest

from corroborator.pipeline import build
from corroborator.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
STORIES = sorted(p.parent for p in SHARED.glob("*/gold.yaml"))


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


@pytest.mark.issue(15)
@pytest.mark.skipif(not STORIES, reason="no ../shared/corpus")
@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_claimers_occur_in_their_own_report(story: Path) -> None:
    record = build([story], Settings.load(None, n_process=1))
    text = {d.id: _norm(d.text) for d in record.documents}
    missing = [(m.doc, m.said_by) for m in record.mentions
               if m.said_by and _norm(m.said_by) not in text[m.doc]]
    missing += [(q.doc, q.speaker) for q in record.quotes
                if q.speaker and _norm(q.speaker) not in text[q.doc]]
    assert missing == []


@pytest.mark.issue(15)
def test_claimers_keep_the_name_their_report_gives(tmp_path: Path) -> None:
    """A short name merged with a longer one from another report is still shown as written."""
    (tmp_path / "a.txt").write_text(
        "Outbreak grows in the county\n\nHealth Secretary Marcus T. Albright Jr. visited the "
        "county hospital on Tuesday and met its staff for two hours.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Albright on the outbreak\n\nAlbright said 20 people were in hospital with the disease "
        "on Tuesday, most of them children.\n", encoding="utf-8")
    record = build([tmp_path], Settings.load(None, n_process=1))
    said = {m.said_by for m in record.mentions if m.doc == "b" and m.said_by}
    assert said == {"Albright"}
