"""The command line: a thin shell over the library (``corroborator --help``)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import CorroboratorError
from .settings import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corroborator")
def cli() -> None:
    """Build a sourced, conflict-aware record of what news reports claim.

    \b
    Point it at the reports of one story (text, Markdown, HTML or JSON files,
    or folders of them) and it writes a dossier: every checkable value with its
    sentence, source and attribution; quotes with speakers; reports grouped by
    event; one fact per real-world slot, agreed, single-source or in conflict.

    \b
    Example:
      corroborator build reports/ --out dossier/
    """


@cli.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", "out", required=True, type=click.Path(path_type=Path),
              help="Folder to write dossier.json, record.sqlite and index.html into.")
@click.option("--settings", "settings_file", type=click.Path(exists=True, dir_okay=False),
              help="An INI file with a [corroborator] section overriding the defaults.")
@click.option("--story", help="A name for the story (shown in the dossier).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; errors only.")
def build(reports: tuple[Path, ...], out: Path, settings_file: str | None, story: str | None,
          quiet: bool) -> None:
    """Build the dossier of REPORTS (files or folders) into --out.

    \b
    Writes, in the --out folder:
      dossier.json    the record as JSON (facts, mentions, quotes, events, ...)
      record.sqlite   the same record as SQLite tables (opens in Datasette)
      index.html      one self-contained page to read, conflicts first

    A report that cannot be read is skipped with a message naming the file;
    the exit status is non-zero only when no report could be read.
    """
    from .pipeline import build as build_record
    from .report import render_index
    from .store import write_record
    from .dossier import write_atomic, write_json

    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING,
                        format="%(levelname)s: %(message)s")
    try:
        settings = Settings.load(settings_file)
        with _progress(quiet) as progress:
            record = build_record(list(reports), settings, progress=progress,
                                  story=story or _story_name(reports))
        out.mkdir(parents=True, exist_ok=True)
        write_json(record, out / "dossier.json")
        write_record(record, out / "record.sqlite")
        write_atomic(out / "index.html", render_index(record))
    except CorroboratorError as exc:
        raise click.ClickException(str(exc)) from exc
    for s in record.skipped:
        click.echo(f"skipped: {s.path}: {s.reason}", err=True)
    conflicts = sum(f.status == "conflict" for f in record.facts)
    click.echo(
        f"{len(record.documents)} reports, {len(record.events)} events, {len(record.facts)} facts, "
        f"{conflicts} conflicts, {len(record.skipped)} skipped"
    )
    click.echo(f"dossier written to {out / 'index.html'} (JSON: {out / 'dossier.json'}, "
               f"SQLite: {out / 'record.sqlite'})")


def _story_name(reports: tuple[Path, ...]) -> str | None:
    return reports[0].resolve().name if len(reports) == 1 and reports[0].is_dir() else None


class _progress:
    """A progress bar on stderr for the parse, the long stage; silent when quiet or not a tty."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or not sys.stderr.isatty()
        self.bar: object | None = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="analysing reports", file=sys.stderr)
            self.bar.__enter__()  # type: ignore[attr-defined]
        self.bar.update(1)  # type: ignore[attr-defined]

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)  # type: ignore[attr-defined]
