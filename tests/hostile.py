"""A corpus of hostile inputs, written into a folder at test time.

``write_corpus(root)`` writes one batch of reports to ``root``: four good
reports (fictional, written for this project) and one input or more per kind of
hostile input in ``KINDS``. Large files are generated here, never committed.

Each ``Kind`` says what the build must do with it:

* ``skipped``: the input is listed as skipped, and every reason given for it
  contains each of ``expect`` (the file's name and what to do);
* ``built``: the reports ``ids`` are in the record (the input is hostile in
  form, say UTF-16 or a path with spaces, but a good report).

Either way the build goes on and every good report is in the record.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GOOD_IDS", "KINDS", "ODD_ID", "Corpus", "Kind", "good_report", "unlock", "write_corpus"]

MB = 1_000_000
HUGE_BYTES = 50 * MB  # over the default max_file_bytes (20 MB)
LONG_LINE_BYTES = 5 * MB  # under the byte cap, over the character cap of one report
NESTING = 10_000

# Four short reports of one fictional story; they agree on some values and
# conflict on one (the number of passengers), so the record has facts of each kind.
GOOD: dict[str, str] = {
    "harbour-gazette": (
        "Ferry Lindqvist runs aground off Skarholm\n\n"
        "The passenger ferry Lindqvist ran aground on a sandbank off Skarholm on Saturday "
        "morning with 212 passengers and 14 crew on board, the coast guard said.\n\n"
        "All passengers were taken off by lifeboats within three hours, and nobody was hurt. "
        '"The sea was calm and the evacuation went by the book," said Captain Ines Marlow '
        "of the coast guard.\n\n"
        "The operator, Nordsund Lines, said the ship would be towed to Varberg for repairs "
        "costing an estimated 1.5 million euros.\n"
    ),
    "coastal-wire": (
        "Ferry aground near Skarholm, all safe\n\n"
        "SKARHOLM - A ferry carrying 212 passengers ran aground off Skarholm on Saturday, "
        "and all of them were brought ashore safely, the coast guard said.\n\n"
        "Captain Ines Marlow said the evacuation took less than three hours. Nordsund Lines "
        "put the cost of the repairs at 1.5 million euros and said 9 sailings would be "
        "cancelled while the ship is in dock.\n"
    ),
    "island-post": (
        "Skarholm ferry stranded on sandbank\n\n"
        "About 230 passengers were stranded for hours on Saturday when the ferry Lindqvist "
        "struck a sandbank off Skarholm, islanders who watched from the shore said.\n\n"
        '"We could see the lifeboats going back and forth all morning," said Petra Aalto, '
        "who runs a cafe on the quay. Nordsund Lines said 9 sailings would be cancelled.\n"
    ),
    "evening-ledger": (
        "Lindqvist ferry to be towed to Varberg\n\n"
        "The ferry Lindqvist, which ran aground off Skarholm on Saturday, will be towed to "
        "Varberg on Monday, its operator Nordsund Lines said.\n\n"
        "The company said the repairs would cost about 1.5 million euros and take six "
        "weeks. The ship was built in 1998 and carries up to 400 passengers.\n"
    ),
}
GOOD_IDS = tuple(GOOD)

FRENCH = (
    "Le ferry Lindqvist s'est échoué samedi matin sur un banc de sable au large de "
    "Skarholm avec 212 passagers à bord, a indiqué la garde côtière. Tous les passagers "
    "ont été évacués en moins de trois heures et personne n'a été blessé. La compagnie "
    "a déclaré que le navire serait remorqué à Varberg pour des réparations qui coûteront "
    "environ 1,5 million d'euros, et que les traversées seraient annulées pendant six "
    "semaines.\n"
)


def good_report(name: str, *, suffix: str = "") -> str:
    """The text of a good report; ``suffix`` makes a variant that is not an exact copy."""
    return GOOD[name] + suffix


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of hostile input: how to write it, and what the build must do with it."""

    name: str
    title: str  # one line for docs/RELIABILITY.md
    write: Callable[[Path], list[Path]]  # writes the input(s) under root, returns them
    outcome: str  # "skipped" or "built"
    expect: tuple[str, ...] = ()  # substrings of the skip reason (for "skipped")
    ids: tuple[str, ...] = ()  # report ids in the record (for "built")
    large: bool = False  # writes more than a megabyte


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    inputs: dict[str, list[Path]]  # kind name -> the files written for it

    def paths(self, kind: str) -> list[Path]:
        return self.inputs[kind]


# --- writers -------------------------------------------------------------------


def _write(path: Path, data: bytes) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return [path]


def _png() -> bytes:
    """A real 1x1 PNG image (signature, IHDR, IDAT, IEND)."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(tag + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _invalid_utf8(root: Path) -> list[Path]:
    # UTF-8 text (curly quotes, an e-acute) broken by a stray 0xFF byte and a
    # truncated three-byte sequence, as a bad copy-paste or a cut download leaves it.
    text = good_report("evening-ledger").replace("about", "\u201cabout\u201d").encode("utf-8")
    broken = text[:60] + b"\xff" + text[60:120] + b"\xe2\x80" + text[120:]
    return _write(root / "broken-utf8.txt", broken)


def _huge(root: Path) -> list[Path]:
    """50 MB of text, written in blocks so that the test itself stays small in memory."""
    path = root / "huge.txt"
    block = (good_report("coastal-wire") * 200).encode("utf-8")
    with path.open("wb") as fh:
        written = 0
        while written < HUGE_BYTES:
            fh.write(block)
            written += len(block)
    return [path]


def _long_line(root: Path) -> list[Path]:
    """5 MB of words on one line, with no punctuation and no line break."""
    words = b"ferry sandbank passengers lifeboat harbour tide coast guard skarholm varberg "
    return _write(
        root / "one-line.txt", (words * (LONG_LINE_BYTES // len(words) + 1))[:LONG_LINE_BYTES]
    )


def _deep_html(root: Path) -> list[Path]:
    body = good_report("island-post").replace("\n\n", "</p><p>")
    page = (
        "<!DOCTYPE html><html><head><title>Nested</title></head><body>"
        + "<div>" * NESTING
        + f"<article><p>{body}</p></article>"
        + "</div>" * NESTING
        + "</body></html>"
    )
    return _write(root / "nested.html", page.encode("utf-8"))


def _scripts_only(root: Path) -> list[Path]:
    script = "<script>var tracker = {id: 42, events: []}; window.load = tracker;</script>"
    style = "<style>body { font: 16px serif } .ad { display: none }</style>"
    page = f"<html><head>{style}{script}</head><body>{script * 50}{style * 50}</body></html>"
    return _write(root / "scripts.html", page.encode("utf-8"))


def _jsonl(root: Path) -> list[Path]:
    lines = [
        json.dumps({"title": "Ferry refloated at high tide", "text": good_report("coastal-wire")}),
        '{"title": "Broken line", "text": "this line was cut off',
        json.dumps(
            {"title": "Repairs", "text": good_report("evening-ledger", suffix="More soon.")}
        ),
    ]
    return _write(root / "wire.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))


def _duplicate(root: Path) -> list[Path]:
    data = good_report("harbour-gazette", suffix="Updated at noon.\n").encode("utf-8")
    return _write(root / "copies" / "gazette-copy-a.txt", data) + _write(
        root / "copies" / "gazette-copy-b.txt", data
    )


def _symlink_loop(root: Path) -> list[Path]:
    folder = root / "looped"
    report = _write(
        folder / "looped-report.txt", good_report("island-post", suffix="(2)\n").encode()
    )
    (folder / "back").symlink_to("..", target_is_directory=True)  # a loop through the parent
    (folder / "itself").symlink_to("itself")  # a link to itself
    (folder / "self-link.txt").symlink_to("self-link.txt")  # a report link to itself
    return report + [folder / "self-link.txt"]


def _unreadable(root: Path) -> list[Path]:
    path = root / "locked.txt"
    _write(path, good_report("coastal-wire", suffix="Locked copy.\n").encode("utf-8"))
    path.chmod(0)  # root reads it anyway: tests simulate the refusal there
    return [path]


def _big_numbers(root: Path) -> list[Path]:
    text = (
        "Tide model gives odds of 1e309 to one\n\n"
        "A tide model run by the coast guard put the odds of a second grounding at 1e309 to "
        "one, and a spokesman joked that the sandbank had 10^100 grains of sand. The "
        "ferry Lindqvist ran aground off Skarholm on Saturday with 212 passengers. "
        "Engineers said 1e-400 of the hull was scratched and the repairs would cost "
        "99999999999999999999999999999999 euros less than feared, or 1.5 million euros.\n"
    )
    return _write(root / "big-numbers.txt", text.encode("utf-8"))


def _odd_path(root: Path) -> list[Path]:
    text = good_report("harbour-gazette", suffix="Reporting by Åsa Öberg.\n").encode("utf-8")
    return _write(root / "Reportes de prensa" / "Éclair du port — édition spéciale.txt", text)


# The id of a report is its file's name without the extension.
ODD_ID = "Éclair du port — édition spéciale"


def _latin1_name(root: Path) -> list[Path]:
    """A file whose name is Latin-1 bytes, as old archives and Windows shares leave them."""
    name = os.path.join(os.fsencode(root), b"caf\xe9 report.txt")
    with open(name, "wb") as fh:
        fh.write(good_report("coastal-wire", suffix="(cafe)\n").encode("utf-8"))
    return [Path(os.fsdecode(name))]


def _lone_surrogate(root: Path) -> list[Path]:
    """A JSON export with "\\ud800" escaped in a text: valid JSON, but not a character."""
    text = good_report("island-post", suffix="(export)\n")
    line = json.dumps({"title": "Stranded", "text": text})
    broken = json.dumps({"title": "Stranded", "text": text}).replace("(export)", "(\\ud800)")
    return _write(root / "export.jsonl", f"{line}\n{broken}\n".encode())


# fmt: off
KINDS: tuple[Kind, ...] = (
    Kind(
        "empty-file", "an empty (0-byte) text file",
        lambda r: _write(r / "empty.txt", b""),
        "skipped", ("empty.txt is empty (0 bytes)", "remove it or add the report"),
    ),
    Kind(
        "blank-file", "a Markdown file of only spaces, tabs and line breaks",
        lambda r: _write(r / "blank.md", b" \n\t\n  \n"),
        "skipped", ("blank.md contains only whitespace", "remove it or add the report text"),
    ),
    Kind(
        "empty-html", "a 0-byte .html file",
        lambda r: _write(r / "empty.html", b""),
        "skipped", ("empty.html is empty (0 bytes)", "remove it or add the report"),
    ),
    Kind(
        "png-as-txt", "a PNG image renamed .txt",
        lambda r: _write(r / "photo.txt", _png()),
        "skipped", ("photo.txt looks like a PNG image", "remove it or convert it to text"),
    ),
    Kind(
        "invalid-utf8", "UTF-8 text with a stray byte and a cut-off character",
        _invalid_utf8,
        "skipped", ("broken-utf8.txt is not valid UTF-8 at byte 60 (0xFF)", "save it as UTF-8"),
    ),
    Kind(
        "utf16-bom", "UTF-16 text with a byte-order mark",
        lambda r: _write(
            r / "utf16.txt", good_report("coastal-wire", suffix="(UTF-16)\n").encode("utf-16")
        ),
        "built", ids=("utf16",),
    ),
    Kind(
        "latin1", "Latin-1 (ISO 8859-1) text with accented letters",
        lambda r: _write(
            r / "latin1.txt",
            good_report("evening-ledger", suffix="Reporting by Jos\u00e9 M\u00fcller.\n").encode(
                "latin-1"
            ),
        ),
        "built", ids=("latin1",),
    ),
    Kind(
        "huge-file", "a 50 MB text file (over the 20 MB max_file_bytes)",
        _huge,
        "skipped", ("huge.txt is 5", "over the 20,000,000-byte limit", "max_file_bytes"),
        large=True,
    ),
    Kind(
        "long-line", "5 MB on a single line without punctuation",
        _long_line,
        "skipped", ("one-line.txt", "split it", "max_report_chars"),
        large=True,
    ),
    Kind(
        "deep-html", f"HTML nested {NESTING:,} elements deep",
        _deep_html,
        "skipped", ("nested.html nests its HTML elements more than 256 deep",
                    "save the article text as .txt"),
    ),
    Kind(
        "scripts-only", "HTML whose body is all scripts and styles",
        _scripts_only,
        "skipped", ("scripts.html has no main text", "save the article text as .txt"),
    ),
    Kind(
        "malformed-json", "malformed JSON (cut off mid-string)",
        lambda r: _write(r / "malformed.json", b'{"title": "Ferry", "text": "cut off here'),
        "skipped", ("malformed.json is not valid JSON", "line 1, column", "fix it"),
    ),
    Kind(
        "jsonl-broken-line", "a JSONL file with one broken line among good ones",
        _jsonl,
        "skipped", ("wire.jsonl line 2 is not valid JSON", "fix or remove that line"),
        ids=("wire-001", "wire-003"),
    ),
    Kind(
        "duplicate", "the same report twice under two names",
        _duplicate,
        "skipped", ("gazette-copy-b.txt", "same content as", "gazette-copy-a.txt", "delete one"),
        ids=("gazette-copy-a",),
    ),
    Kind(
        "symlink-loop", "a folder with symbolic link loops (to its parent, to itself)",
        _symlink_loop,
        "skipped", ("self-link.txt", "symbolic link loop", "fix the link"),
        ids=("looped-report",),
    ),
    Kind(
        "unreadable", "a file without read permission",
        _unreadable,
        "skipped", ("locked.txt cannot be read", "permission denied", "check its permissions"),
    ),
    Kind(
        "other-language", "a report in French",
        lambda r: _write(r / "francais.txt", FRENCH.encode("utf-8")),
        "skipped", ("francais.txt is in French", "add an English version"),
    ),
    Kind(
        "huge-numbers", 'numbers like "1e309", "10^100" and 32 nines',
        _big_numbers,
        "built", ids=("big-numbers",),
    ),
    Kind(
        "non-utf8-name", "a file whose name is not valid UTF-8 (Latin-1 bytes)",
        _latin1_name,
        "skipped", ("caf\\xe9 report.txt has a name", "not valid UTF-8", "rename it"),
    ),
    Kind(
        "lone-surrogate", 'a JSONL record with an escaped lone surrogate ("\\ud800")',
        _lone_surrogate,
        "skipped", ("export.jsonl line 2 holds an escaped lone surrogate", "fix the export"),
        ids=("export-001",),
    ),
    Kind(
        "odd-path", "a path with spaces and non-ASCII characters",
        _odd_path,
        "built", ids=(ODD_ID,),
    ),
)
# fmt: on


def write_corpus(root: Path, *, large: bool = True) -> Corpus:
    """Write the good reports and every hostile input under ``root`` (created if missing).

    ``large=False`` leaves out the kinds that write megabytes.
    """
    root.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        _write(root / f"{name}.txt", text.encode("utf-8"))
    inputs = {k.name: k.write(root) for k in KINDS if large or not k.large}
    return Corpus(root, inputs)


def unlock(corpus: Corpus) -> None:
    """Give the unreadable file its permissions back, so that the folder can be removed."""
    for path in corpus.inputs.get("unreadable", []):
        os.chmod(path, 0o644)
