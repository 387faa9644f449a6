"""Issue 4 and 7: selective parsing keeps the record, and `add` is incremental.

- selective parsing (the full spaCy pipeline only on sentences with a figure, a
  date or a quote) gives the same mentions and quotes as parsing everything;
- `corroborator add` parses only the new report (the analysis cache), clusters
  only the reconciliation blocks it changes (the block cache), keeps the events
  it adds to (their ids and reports), and otherwise gives the record a build of
  all the reports gives.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from corroborator import pipeline
from corroborator.models import Record
from corroborator.nlp import make_nlp, selective
from corroborator.reconcile import facts as reconcile
from corroborator.record.store import read_record
from corroborator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"
CECOT = ROOT.parent / "shared" / "corpus" / "cecot-2025"
EXE = Path(sys.executable).with_name("corroborator")
# every field but ``entities``: the entities of sentences that are not parsed are not found,
# which can change the canonical name an alias maps to
MENTION_FIELDS = ("kind", "value", "unit", "text", "sentence", "bound", "low", "high", "counted",
                  "head", "qualifiers", "frame", "context", "time", "said_by", "attribution_cue",
                  "hedged", "hedge_cue", "subject", "in_quote")


def _run(*args: object, cwd: Path) -> None:
    done = subprocess.run([str(EXE), *map(str, args), "--quiet"], cwd=cwd, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr


def _modulo_event_ids(a: Record, b: Record) -> tuple[Record, Record]:
    """The two records with b's events renamed to a's where they hold the same reports."""
    ids = {frozenset(e.documents): e.id for e in a.events}
    rename = {e.id: ids.get(frozenset(e.documents), e.id) for e in b.events}
    b = replace(b, events=tuple(replace(e, id=rename[e.id]) for e in b.events),
                facts=tuple(replace(f, event=rename.get(f.event, f.event)) for f in b.facts))

    def ordered(r: Record) -> Record:
        return replace(r, events=tuple(sorted(r.events, key=lambda e: e.id)),
                       facts=tuple(sorted(r.facts, key=lambda f: f.id)))

    return ordered(a), ordered(b)


# --- selective parsing -------------------------------------------------------------------


def test_incremental_selective_selects_sentences_with_figures_dates_and_quotes() -> None:
    nlp = make_nlp()
    text = ("The harbour was quiet at dawn.\n\nThe ferry carried 212 passengers.\n\n"
            "Gulls circled over the empty quay.\n\nThe ferry sank on 3 March 2024.\n\n"
            "Nobody on the pier spoke.\n\n“We saw it go down,” a fisherman said.")
    doc = nlp.make_doc(text)
    bounds, keep = selective.select(doc)
    chosen = [doc[a:b].text.strip() for (a, b), k in zip(bounds, keep) if k]
    skipped = [doc[a:b].text.strip() for (a, b), k in zip(bounds, keep) if not k]
    assert "The ferry carried 212 passengers." in chosen
    assert "The ferry sank on 3 March 2024." in chosen
    assert any("We saw it go down" in s for s in chosen)
    assert "The harbour was quiet at dawn." in skipped
    assert "Gulls circled over the empty quay." in skipped


@pytest.mark.parametrize(("text", "kept"), [
    # back to the name "he" stands for
    (("Mayor Ilse Varga toured the flooded streets.\n\nThe water had gone down overnight.\n\n"
      "He said 40 homes were lost."), [True, True, True]),
    # two sentences back for what "it" or "they" stands for
    (("Gulls circled over the quay.\n\nThe Varden Institute met in the capital.\n\n"
      "Growth is slowing.\n\nIt cut its forecast to 2.4 percent."), [False, True, True, True]),
])
def test_incremental_selective_reaches_back_for_what_a_pronoun_stands_for(text, kept) -> None:
    _bounds, keep = selective.select(make_nlp().make_doc(text))
    assert keep == kept


def test_incremental_selective_parse_annotates_only_the_selected_sentences() -> None:
    nlp = make_nlp()
    # the sentence before a selected one is parsed as its context, not annotated
    text = "The sky was grey.\n\nThe wind rose.\n\nPolice said 17 people were hurt in Lisbon."
    stats: dict[str, int] = {}
    (doc,) = selective.parse(nlp, [(text, None)], stats=stats)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == ["The sky was grey.", "The wind rose.",
                                                   "Police said 17 people were hurt in Lisbon."]
    rose = next(t for t in doc if t.text == "rose")
    assert rose.pos_ == "" and rose.dep_ == "dep"
    assert 0 < stats["parsed"] < stats["tokens"]
    grey = next(t for t in doc if t.text == "grey")
    assert grey.pos_ == "" and grey.ent_type_ == ""
    seventeen = next(t for t in doc if t.text == "17")
    assert seventeen.pos_ == "NUM" and seventeen.head.text == "people"
    assert any(e.text == "Lisbon" for e in doc.ents)


@pytest.mark.parametrize("corpus", [DEMO, CECOT], ids=["demo", "cecot-2025"])
def test_incremental_selective_parsing_gives_the_mentions_and_quotes_of_a_full_parse(corpus: Path) -> None:
    if not corpus.exists():
        pytest.skip(f"{corpus} is not here")
    full = pipeline.build([corpus], Settings.load(None, selective_parsing=False, n_process=1))
    sel = pipeline.build([corpus], Settings.load(None, selective_parsing=True, n_process=1))
    assert [m.id for m in sel.mentions] == [m.id for m in full.mentions]
    for a, b in zip(full.mentions, sel.mentions):
        assert [getattr(a, f) for f in MENTION_FIELDS] == [getattr(b, f) for f in MENTION_FIELDS]
    assert [(q.id, q.speaker) for q in sel.quotes] == [(q.id, q.speaker) for q in full.quotes]
    def facts(r: Record) -> set[tuple[str, tuple[str, ...]]]:
        return {(f.status, tuple(m.id for m in f.mentions)) for f in r.facts}

    assert facts(sel) == facts(full)


def test_incremental_settings_read_selective_parsing_as_a_boolean() -> None:
    assert Settings.load(None, selective_parsing="false").selective_parsing is False
    assert Settings.load(None, selective_parsing="yes").selective_parsing is True
    with pytest.raises(Exception, match="true or false"):
        Settings.load(None, selective_parsing="maybe")


# --- incremental add ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo corpus without its last report, built; then that report added; and a
    build of the whole corpus from scratch."""
    work = tmp_path_factory.mktemp("incremental")
    base, late = work / "base", work / "late"
    base.mkdir()
    late.mkdir()
    reports = sorted(p for p in DEMO.iterdir() if p.name != "gold.yaml")
    last = next(p for p in reversed(reports) if p.suffix == ".txt")
    for p in reports:
        shutil.copy(p, (late if p == last else base) / p.name)
    _run("build", base, "--out", work / "dossier", cwd=work)
    cache = work / "dossier" / "cache" / "analysis"
    before = {p.name for p in cache.rglob("*.pickle")}
    shutil.copytree(work / "dossier", work / "before")
    shutil.copytree(work / "dossier", work / "regrouped")
    _run("add", work / "dossier", late / last.name, cwd=work)
    _run("add", work / "regrouped", late / last.name, "--regroup", cwd=work)
    after = {p.name for p in cache.rglob("*.pickle")}
    _run("build", base, late, "--out", work / "full", cwd=work)
    (work / "new-entries.txt").write_text(str(len(after - before)))
    return {"work": work, "dossier": work / "dossier", "before": work / "before",
            "regrouped": work / "regrouped",
            "full": work / "full", "added": late / last.name}


def test_incremental_add_parses_only_the_new_report(added: dict[str, Path]) -> None:
    assert (added["work"] / "new-entries.txt").read_text() == "1"


def test_incremental_add_gives_the_record_of_a_full_build(added: dict[str, Path]) -> None:
    a, b = _modulo_event_ids(read_record(added["dossier"] / "record.sqlite"),
                             read_record(added["full"] / "record.sqlite"))
    for field in ("documents", "sentences", "mentions", "quotes", "entities", "events", "facts"):
        assert getattr(a, field) == getattr(b, field), field


def test_incremental_add_regroup_gives_the_record_of_a_full_build_exactly(added: dict[str, Path]) -> None:
    a = read_record(added["regrouped"] / "record.sqlite")
    b = read_record(added["full"] / "record.sqlite")
    for field in ("documents", "sentences", "mentions", "quotes", "entities", "events", "facts"):
        assert getattr(a, field) == getattr(b, field), field


def test_incremental_add_keeps_the_events_it_adds_to(added: dict[str, Path]) -> None:
    old = read_record(added["before"] / "record.sqlite").events
    new = {e.id: e for e in read_record(added["dossier"] / "record.sqlite").events}
    for e in old:
        assert e.id in new
        assert set(e.documents) <= set(new[e.id].documents)
    ids = [e.id for e in new.values()]
    assert len(ids) == len(set(ids))
    report_id = next(d.id for d in read_record(added["dossier"] / "record.sqlite").documents
                     if d.raw.path.endswith(added["added"].name))
    assert sum(report_id in e.documents for e in new.values()) == 1


def test_incremental_a_rebuild_with_the_block_cache_clusters_nothing_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.load(None, n_process=1)
    first = pipeline.build([DEMO], settings, cache_dir=tmp_path / "cache")
    calls: list[int] = []
    real = reconcile.cluster_block

    def counted(*args: object, **kwargs: object) -> list[list[int]]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reconcile, "cluster_block", counted)
    again = pipeline.build([DEMO], settings, cache_dir=tmp_path / "cache")
    assert calls == []
    assert again.facts == first.facts
    fresh = pipeline.build([DEMO], settings)  # no cache: every block clustered
    assert calls
    assert {f.mentions for f in fresh.facts} == {f.mentions for f in first.facts}


def test_incremental_damaged_caches_are_made_anew(tmp_path: Path) -> None:
    settings = Settings.load(None, n_process=1)
    first = pipeline.build([DEMO], settings, cache_dir=tmp_path / "cache")
    for name in ("blocks.sqlite", "embeddings.sqlite"):
        assert (tmp_path / "cache" / name).stat().st_size > 0
        (tmp_path / "cache" / name).write_bytes(b"not a database at all" * 100)
    again = pipeline.build([DEMO], settings, cache_dir=tmp_path / "cache")
    assert again.facts == first.facts


def test_incremental_blocks_clustered_in_worker_processes_give_the_same_facts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    record = pipeline.build([DEMO], Settings.load(None, n_process=1))
    event_of = {doc: e.id for e in record.events for doc in e.documents}
    settings = Settings()

    def facts(processes: int) -> list[tuple[str, str]]:
        found = reconcile.reconcile(record.mentions, event_of, threshold=settings.link_threshold,
                                    tolerance=settings.value_tolerance, processes=processes)
        return [(f.id, f.status) for f in found]

    serial = facts(1)
    monkeypatch.setattr(reconcile, "PARALLEL_MIN_MENTIONS", 0)
    monkeypatch.setattr(reconcile, "cluster_block", _refuse_in_parent(reconcile.cluster_block))
    assert facts(2) == serial


def test_incremental_worker_processes_find_every_text_embedded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked worker that starts an embedding model of its own can hang for good (its
    parent's runtime threads do not exist in it): the parent embeds every text the workers
    compare, the figures' acts and things and "people" among them, before it forks."""
    import os

    from corroborator.nlp import embed

    record = pipeline.build([DEMO], Settings.load(None, n_process=1))
    event_of = {doc: e.id for e in record.events for doc in e.documents}
    settings = Settings()
    monkeypatch.setattr(reconcile, "PARALLEL_MIN_MENTIONS", 0)
    monkeypatch.setattr(reconcile, "cluster_block", _refuse_in_parent(reconcile.cluster_block))
    monkeypatch.setattr(embed, "_STORE", [])  # nothing on disk: what is not embedded is run
    embed._MEMO.clear()
    reconcile._people.cache_clear()
    parent, real = os.getpid(), embed._model

    def model_in_parent_only():  # type: ignore[no-untyped-def]
        assert os.getpid() == parent, "a worker process started a model of its own"
        return real()

    monkeypatch.setattr(embed, "_model", model_in_parent_only)
    found = reconcile.reconcile(record.mentions, event_of, threshold=settings.link_threshold,
                                tolerance=settings.value_tolerance, processes=2)
    assert sorted(f.id for f in found) == sorted(f.id for f in record.facts)


def _refuse_in_parent(real):  # type: ignore[no-untyped-def]
    """cluster_block that fails in this process: the blocks must be clustered by workers."""
    import os

    parent = os.getpid()

    def guarded(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert os.getpid() != parent, "a block was clustered in the parent process"
        return real(*args, **kwargs)

    return guarded


def test_incremental_the_bundled_settings_file_lists_every_setting_with_its_default() -> None:
    import configparser
    from dataclasses import fields

    path = ROOT / "corroborator" / "settings.cfg"
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    assert set(parser["corroborator"]) == {f.name for f in fields(Settings)}
    assert Settings.load(path) == Settings()
