"""Tests for corroborator.ingest.reports: every input format, and every way an input can be bad."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from corroborator.errors import NoReportsError
from corroborator.ingest.reports import (
    decode_bytes,
    iter_reports,
    no_reports_error,
    normalise_date,
    read_sources,
)
from corroborator.models import RawDoc, Skipped
from corroborator.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
DEFAULTS = Settings()
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
)
STORY = (
    "The night train to Varga will run again from 1 May, the rail company said on Monday, "
    "after a 14-month pause caused by a shortage of sleeper carriages."
)


def read(
    paths: Sequence[str | Path], settings: Settings = DEFAULTS
) -> tuple[list[RawDoc], list[Skipped]]:
    """Split the output of iter_reports into documents and skipped inputs."""
    docs: list[RawDoc] = []
    skipped: list[Skipped] = []
    for item in iter_reports(paths, settings=settings):
        if isinstance(item, RawDoc):
            docs.append(item)
        else:
            skipped.append(item)
    return docs, skipped


def by_id(paths: Sequence[str | Path]) -> dict[str, RawDoc]:
    return {d.id: d for d in read(paths)[0]}


def only_skipped(path: Path, settings: Settings = DEFAULTS) -> Skipped:
    docs, skipped = read([path], settings)
    assert docs == []
    assert len(skipped) == 1, skipped
    return skipped[0]


# --- formats -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_id", "fmt", "opening", "field", "value"),
    [
        (
            "quarry-blast",
            "txt",
            "Quarry blast rattles homes",
            "title",
            "Quarry blast rattles homes across three villages",
        ),
        (
            "river-cleanup",
            "md",
            "# Volunteers pull 2.6 tonnes",
            "title",
            "Volunteers pull 2.6 tonnes of rubbish from the river Alde",
        ),
        (
            "harbour-bridge",
            "html",
            "Harbour bridge reopens after 14-month repair\n",
            "outlet",
            "The Coastal Ledger",
        ),
        (
            "newsplease-wind-farm",
            "json",
            "Offshore wind farm of 64 turbines approved\n\nThe regional",
            "author",
            "Tomas Reyes; Ana Kovac",
        ),
        (
            "trafilatura-tram",
            "json",
            "Tram line extension opens two months late\n\nThe 3.2-kilometre",
            "outlet",
            "Metro Daily",
        ),
        (
            "wire-batch-001",
            "jsonl",
            "Port strike ends after 9 days\n\nDock workers",
            "published",
            "2025-01-10",
        ),
        (
            "wire-batch-003",
            "jsonl",
            "Snow closes mountain pass\n\nThe Kaldberg pass",
            "published",
            "2025-01-09",
        ),
    ],
)
def test_ingest_reads_each_format(
    doc_id: str, fmt: str, opening: str, field: str, value: str
) -> None:
    doc = by_id([FIXTURES])[doc_id]
    assert doc.format == fmt
    assert doc.text.startswith(opening)
    assert getattr(doc.source, field) == value
    assert len(doc.sha256) == 64


def test_ingest_html_keeps_article_drops_page_furniture() -> None:
    doc = by_id([FIXTURES / "harbour-bridge.html"])["harbour-bridge"]
    assert "Engineers replaced 212 of the bridge's 640 steel cables" in doc.text
    assert "Traffic limits stay for now" in doc.text  # a subhead inside the article
    for furniture in ("Weather", "Most read", "Ferry timetable", "All rights reserved", "Privacy"):
        assert furniture not in doc.text
    assert doc.source.published == "2024-06-12"
    assert doc.source.author == "Mara Lindqvist"
    assert doc.source.url == "https://ledger.example.org/news/harbour-bridge-reopens"
    assert doc.source.language == "en"


def test_ingest_html_puts_a_dropped_headline_first(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Dam inspection finds 3 cracked gates - River Times</title>"
        '<meta property="og:site_name" content="River Times"></head><body><div class="content">'
        f"<p>{STORY}</p><p>{STORY.replace('Varga', 'Olm')}</p></div></body></html>"
    )
    (tmp_path / "dam.html").write_text(page, encoding="utf-8")
    doc = by_id([tmp_path])["dam"]
    assert doc.text.startswith("Dam inspection finds 3 cracked gates\n\nThe night train")
    assert doc.source.outlet == "River Times"


def test_ingest_sources_csv_fills_metadata_first() -> None:
    docs = by_id([FIXTURES])
    quarry = docs["quarry-blast"].source
    assert quarry.outlet == "Valley Post"
    assert quarry.url == "https://valleypost.example.org/quarry-blast"
    assert quarry.published == "2024-06-12"
    wind = docs["newsplease-wind-farm"].source
    assert wind.outlet == "Coast Watch"  # sources.csv wins over source_domain
    assert wind.published == "2025-03-16"  # left empty there, so taken from the JSON
    assert wind.url == "https://coastwatch.example.com/wind-farm"


def test_ingest_read_sources_table() -> None:
    table = read_sources(FIXTURES / "sources.csv")
    assert set(table) == {"quarry-blast", "newsplease-wind-farm"}
    assert table["newsplease-wind-farm"].published is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03", "2025-03"),
        ("2025-03-16", "2025-03-16"),
        ("2024-06-12 08:30:00", "2024-06-12"),
        ("2024-06-12T08:30:00+00:00", "2024-06-12"),
        ("2025", "2025"),
        ("2025-3-6", "2025-03-06"),
        ("March 2025", "2025-03"),
        ("16 March 2025", "2025-03-16"),
        ("Mar 16, 2025 08:30", "2025-03-16"),
        ("2025-13-01", None),
        ("Sunday", None),
        ("not a date", None),
    ],
)
def test_ingest_normalise_date(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_ingest_jsonl_broken_line_skips_only_that_line() -> None:
    docs, skipped = read([FIXTURES / "wire-batch.jsonl"])
    assert [d.id for d in docs] == ["wire-batch-001", "wire-batch-003"]
    assert [d.path for d in docs] == [f"{FIXTURES / 'wire-batch.jsonl'}:{n}" for n in (1, 3)]
    assert len(skipped) == 1
    assert skipped[0].path == f"{FIXTURES / 'wire-batch.jsonl'}:2"
    assert "wire-batch.jsonl line 2 is not valid JSON" in skipped[0].reason


def test_ingest_json_list_numbers_its_records(tmp_path: Path) -> None:
    records = [{"title": f"Story {n}", "body": f"{STORY} ({n})"} for n in (1, 2)]
    (tmp_path / "bundle.json").write_text(json.dumps(records), encoding="utf-8")
    docs = by_id([tmp_path])
    assert sorted(docs) == ["bundle-001", "bundle-002"]
    assert docs["bundle-002"].text == f"Story 2\n\n{STORY} (2)"
    canonical = json.dumps(records[1], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert docs["bundle-002"].sha256 == hashlib.sha256(canonical.encode()).hexdigest()


def test_ingest_malformed_json_names_the_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"title": "Cut off", "text": "no end', encoding="utf-8")
    skipped = only_skipped(path)
    assert skipped.path == str(path)
    assert skipped.reason.startswith("broken.json is not valid JSON (")
    assert "line 1, column" in skipped.reason


def test_ingest_json_without_text_field(tmp_path: Path) -> None:
    path = tmp_path / "meta.json"
    path.write_text('{"title": "Only a title", "url": "https://x.example"}', encoding="utf-8")
    assert "has no article text (looked for maintext, text" in only_skipped(path).reason


def test_ingest_plain_text_is_kept_as_is(tmp_path: Path) -> None:
    raw = f"  Headline here  \r\n\r\n{STORY}\r\n\r\n\r\n- Advertisement -\r\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    doc = by_id([tmp_path])["a"]
    assert doc.text == raw.replace("\r\n", "\n")
    assert doc.source.title == "Headline here"


def test_ingest_paragraph_is_not_a_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    assert by_id([tmp_path])["a"].source.title is None


@pytest.mark.issue(5)
def test_ingest_same_content_under_two_names_is_read_once(tmp_path: Path) -> None:
    """Read twice, a report would agree with itself: every claim of it an "agreed" fact."""
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["one"]
    assert skipped == [
        Skipped(
            str(tmp_path / "two.txt"),
            f"two.txt has the same content as {tmp_path / 'one.txt'}, read already: it is read "
            "once; delete one of the two, or give each its outlet in sources.csv if two outlets "
            "ran the same text.",
        )
    ]


@pytest.mark.issue(5)
def test_ingest_same_text_from_two_outlets_is_read_twice(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "id,url,outlet,published\none,,Daily One,2025-03-01\ntwo,,Two Weekly,2025-03-01\n",
        encoding="utf-8",
    )
    docs = by_id([tmp_path])
    assert sorted(docs) == ["one", "two"]
    assert docs["one"].sha256 == docs["two"].sha256


@pytest.mark.issue(5)
def test_ingest_same_json_record_in_two_exports(tmp_path: Path) -> None:
    record = {"title": "Story", "body": STORY}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([record]), encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["a-001"]
    assert skipped[0].reason.startswith(
        f"b.json item 1 has the same content as {tmp_path / 'a.jsonl'}:1, read already"
    )


def test_ingest_walks_folders_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b/z.txt", "b/a.md", "a.txt", "c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"{STORY} ({name})", encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in docs] == [
        "a.txt",
        "b/z.txt",
        "c.txt",
    ]
    assert "already used by" in skipped[0].reason  # b/a.md has the id of a.txt


def test_ingest_ignores_other_files_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "gold.yaml").write_text("story: x\n", encoding="utf-8")
    (tmp_path / "README").write_text("notes\n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(PNG_BYTES)
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["story"]
    assert skipped == []


def test_ingest_folder_without_reports_yields_nothing(tmp_path: Path) -> None:
    (tmp_path / "gold.yaml").write_text("story: x\n", encoding="utf-8")
    assert read([tmp_path]) == ([], [])
    error = no_reports_error([tmp_path])
    assert isinstance(error, NoReportsError)
    assert str(tmp_path) in str(error)


def test_ingest_no_reports_error_lists_skipped() -> None:
    error = no_reports_error(["corpus"], [Skipped("corpus/a.txt", "a.txt is empty (0 bytes).")])
    assert "1 input(s) skipped: a.txt is empty" in str(error)


def test_ingest_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")  # a link to itself
    (tmp_path / "self").symlink_to(".")
    docs, skipped = read([tmp_path])
    assert [d.id for d in docs] == ["story"]
    assert skipped == []


# --- decoding -----------------------------------------------------------------------

LEGACY_TEXT = (
    "“Le café rouvrira lundi”, a déclaré la maire de Zürich – après 14 mois de travaux "
    "et 1,2 million d’euros, le chantier est enfin terminé."
)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", LEGACY_TEXT),
        (
            "latin-1",
            LEGACY_TEXT.replace("“", '"').replace("”", '"').replace("–", "-").replace("’", "'"),
        ),
        ("utf-8", LEGACY_TEXT),
        ("utf-8-sig", LEGACY_TEXT),
        ("utf-16", LEGACY_TEXT),  # Python writes a BOM for utf-16 and utf-32
        ("utf-16-be-bom", LEGACY_TEXT),
        ("utf-32", LEGACY_TEXT),
    ],
)
def test_ingest_decodes_text_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    if encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    (tmp_path / "report.txt").write_bytes(data)
    assert by_id([tmp_path])["report"].text == text


def test_ingest_html_honours_its_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 reopens</title></head><body>'
        f"<article><p>\u201cWe are back,\u201d the owner said. {STORY}</p></article></body></html>"
    )
    (tmp_path / "cafe.html").write_bytes(page.encode("cp1252"))
    doc = by_id([tmp_path])["cafe"]
    assert doc.text.startswith("Caf\u00e9 reopens\n\n\u201cWe are back,\u201d the owner said.")


def test_ingest_decode_bytes_prefers_declared_charset() -> None:
    data = "Grüße aus Köln".encode("iso-8859-15")
    assert decode_bytes(data, declared="iso-8859-15") == "Grüße aus Köln"


# --- bad inputs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty.txt is empty (0 bytes)"),
        ("empty.html", b"", "empty.html is empty (0 bytes)"),
        ("blank.md", b"  \n\t\n\n", "blank.md contains only whitespace"),
        (
            "short.txt",
            b"Too short to be a report.",
            "short.txt is too short to be a report (25 characters",
        ),
        (
            "picture.txt",
            PNG_BYTES,
            "picture.txt looks like a PNG image, not a report: remove it or convert it to text.",
        ),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "scan.txt looks like a PDF document"),
        ("page.html", b"PK\x03\x04\x14\x00\x06\x00", "page.html looks like a ZIP archive"),
        ("wide.txt", STORY.encode("utf-16-le"), "wide.txt contains NUL bytes"),
        (
            "bad-bom.txt",
            codecs.BOM_UTF8 + b"caf\xe9 " * 30,
            "bad-bom.txt starts with a UTF-8 byte-order mark but is not valid",
        ),
        ("noise.txt", bytes(range(1, 32)) * 8, "noise.txt contains control characters"),
        (
            "scripts.html",
            (
                b"<html><head><style>p{}</style><script>var a = 1;</script></head>"
                b"<body><script>go()</script></body></html>"
            ),
            "scripts.html has no main text",
        ),
        ("list.json", b"[1, 2]", "list.json item 1 is a JSON number, not an object."),
        ("scalar.json", b'"just a string"', "scalar.json holds a JSON string"),
    ],
)
def test_ingest_bad_input_is_skipped_with_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    docs, skipped = read([path])
    assert docs == []
    assert skipped[0].path.startswith(str(path))
    assert skipped[0].reason.startswith(reason), skipped[0].reason


@pytest.mark.parametrize("name", ["notes.pdf", "story.docx", "README"])
def test_ingest_unsupported_extension_named_explicitly(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(STORY, encoding="utf-8")
    skipped = only_skipped(path)
    assert skipped.reason.startswith(f"{name} has an unsupported extension")
    assert ".txt, .md, .html, .htm, .json, .jsonl" in skipped.reason


def test_ingest_special_file_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block until a writer came
    docs, skipped = read([tmp_path])
    assert docs == []
    assert [s.reason for s in skipped] == [
        "pipe.txt is not a regular file: copy the report into one."
    ]


def test_ingest_missing_path(tmp_path: Path) -> None:
    skipped = only_skipped(tmp_path / "nowhere.txt")
    assert skipped.reason == f"{tmp_path / 'nowhere.txt'} does not exist: check the path."


def test_ingest_file_over_size_cap_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(STORY * 3, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the cap was opened")

    monkeypatch.setattr(Path, "open", refuse)
    skipped = only_skipped(path, Settings(max_file_bytes=100))
    assert skipped.reason.startswith("huge.txt is 450 bytes, over the 100-byte limit")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_ingest_unreadable_file_chmod(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    try:
        skipped = only_skipped(path)
    finally:
        path.chmod(0o644)
    assert "permission denied" in skipped.reason


def test_ingest_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same check as root, who can read any file: make opening it fail as it would."""
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "open", denied)
    skipped = only_skipped(path)
    assert skipped.reason == "locked.txt cannot be read (permission denied: check its permissions)."


def test_ingest_unreadable_folder_in_a_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    real_scandir = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, skipped = read([tmp_path])
    assert docs == []
    assert skipped == [
        Skipped(
            str(tmp_path / "sub"),
            f"folder {tmp_path / 'sub'} cannot be read (permission denied: check its permissions).",
        )
    ]


def test_ingest_broken_sources_csv_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text("name,url\nx,y\n", encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{STORY} ({name})", encoding="utf-8")
    docs, skipped = read([tmp_path])
    assert len(docs) == 2
    assert len(skipped) == 1
    assert skipped[0].reason.startswith("sources.csv has no 'id' column")


@pytest.mark.issue(16)
@pytest.mark.parametrize(("masthead", "csv_row"), [
    ("The Varga Herald", "r1,,The Varga Herald,2025-04-02"),
    ("VARGA HERALD | Rail & Roads", "r1,https://www.vargaherald.test/rail/night-train,,2025-04-02"),
])
def test_ingest_a_report_is_titled_by_its_headline_not_its_masthead(tmp_path: Path, masthead: str,
                                                                    csv_row: str) -> None:
    """A page that opens with its site's own name (and a tagline) is titled by the line
    that says what its lead tells."""
    (tmp_path / "r1.txt").write_text(
        f"{masthead}\nRail news for the northern valleys\n\n"
        f"Night train to Varga to run again from May\n\n{STORY}\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(f"id,url,outlet,published\n{csv_row}\n",
                                          encoding="utf-8")
    (doc,), _ = read([tmp_path])
    assert doc.source.title == "Night train to Varga to run again from May"
