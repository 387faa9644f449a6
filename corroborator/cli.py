"""The command line: a thin shell over ``corroborator.Dossier`` (api.py); ``corroborator --help``.

Each command parses its arguments, calls one method of the dossier, prints what it returns
(an ``Update``) and turns our known errors into a message: no traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import click

from . import __version__
from .api import Dossier, Update
from .errors import CorroboratorError
from .record.lock import terminal_text


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corroborator")
def cli() -> None:
    """Build a sourced, conflict-aware record of what news reports claim.

    \b
    Point it at the reports of one story (text, Markdown, HTML or JSON files,
    folders of them, web pages, feeds) and it writes a dossier: every checkable
    value with its sentence, source and attribution; quotes with speakers;
    reports grouped by event; one fact per real-world slot, agreed,
    single-source or in conflict.

    \b
    Example:
      corroborator build reports/ --out dossier/
    """


@cli.command()
@click.argument("reports", metavar="[REPORT_OR_URL]...", nargs=-1)
@click.option("--out", "-o", "out", required=True, type=click.Path(path_type=Path),
              help="Folder to write dossier.json, record.sqlite and index.html into.")
@click.option("--urls", "url_lists", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file of web page or feed URLs, one per line, to fetch and read.")
@click.option("--settings", "settings_file", type=click.Path(exists=True, dir_okay=False),
              help="An INI file with a [corroborator] section overriding the defaults.")
@click.option("--story", help="A name for the story (shown in the dossier).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; errors only.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where to parse and extract: here, or on a Dask cluster (needs the dask extra).")
@click.option("--scheduler", metavar="ADDRESS",
              help="The Dask scheduler to use (tcp://host:8786); implies --engine dask. "
                   "Without it, --engine dask starts a local cluster.")
def build(reports: tuple[str, ...], out: Path, url_lists: tuple[Path, ...],
          settings_file: str | None, story: str | None, quiet: bool, engine: str,
          scheduler: str | None) -> None:
    """Build the dossier of REPORT_OR_URL... and --urls into --out.

    \b
    Takes what `add` takes, in any mix: report files, folders of them, saved
    feeds, WARC files, and http(s) URLs of web pages or RSS/Atom feeds (every
    item of a feed is fetched). Example:
      corroborator build reports/ https://harbour.example/feed.rss --out dossier/

    \b
    Writes, in the --out folder:
      dossier.json    the record as JSON (facts, mentions, quotes, events, ...)
      record.sqlite   the same record as SQLite tables (opens in Datasette)
      index.html      one self-contained page to read, conflicts first

    A report that cannot be read is skipped with a message naming the file;
    the exit status is non-zero only when no report could be read.
    """
    from .ingest.fetch import read_url_list

    if not reports and not url_lists:
        raise click.UsageError("give the reports (files, folders or URLs), or --urls with a "
                               "file of URLs, or both.")
    _logging(quiet)
    with _errors(), _progress(quiet) as progress:
        urls = [u for listing in url_lists for u in read_url_list(listing)]
        update = _dossier(out).build(reports, urls=urls, settings=settings_file, story=story,
                                     engine="dask" if scheduler else engine,
                                     scheduler=scheduler, progress=progress)
    _tell(update, out, summary=not quiet)


@cli.command()
@click.argument("dossier", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("inputs_to_add", metavar="[REPORT_OR_URL]...", nargs=-1)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; errors only.")
@click.option("--regroup", is_flag=True,
              help="Group every report into events afresh, as a new build does, instead of "
                   "keeping the events already in the record.")
def add(dossier: Path, inputs_to_add: tuple[str, ...], quiet: bool, regroup: bool) -> None:
    """Add reports (files, folders, feeds, WARC files) or web pages (URLs) to DOSSIER.

    \b
    The dossier folder remembers what it was built from (inputs.json); the new
    inputs join them and the record is brought up to date: only new reports are
    parsed, and only the facts they touch are worked out again. The events in the
    record keep their reports and ids; a new report joins one or starts its own
    (--regroup groups everything afresh; the record is then the one a build of
    all the inputs gives). Pages fetched for earlier builds come from the cache
    in the dossier folder. A report the record holds already is not added again.
    With --regroup and no report, the record's own reports are grouped afresh.
    Examples:
      corroborator add dossier/ reports/late-edition.txt
      corroborator add dossier/ https://harbour.example/news/ferry-strike.html
      corroborator add dossier/ --regroup
    """
    if not inputs_to_add and not regroup:
        raise click.UsageError("give the reports or URLs to add (or --regroup alone, to group "
                               "the record's reports into events afresh).")
    _logging(quiet)
    with _errors(), _progress(quiet) as progress:
        update = _dossier(dossier).add(inputs_to_add, regroup=regroup, progress=progress)
    _tell(update, dossier, summary=not quiet)


@cli.command("watch")
@click.argument("dossier", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--interval", default=2.0, show_default=True, type=click.FloatRange(min=0.05),
              help="Seconds between two looks at FOLDER.")
@click.option("--quiet", "-q", is_flag=True, help="Errors only.")
def watch_folder(dossier: Path, folder: Path, interval: float, quiet: bool) -> None:
    """Add each report that arrives in FOLDER to DOSSIER, until stopped (Ctrl-C, SIGTERM).

    \b
    The models stay loaded, so a report is added in about the time its own
    analysis takes. A file is taken once it has stopped changing between two
    looks; hidden files (.name) are ignored, so write a report under a hidden
    name and rename it when it is whole. Reports already in FOLDER that the
    dossier was not built from are added at the start. A report that fails is
    reported and the watch goes on. Example:
      corroborator watch dossier/ incoming/ --interval 5
    """
    import signal

    _logging(quiet)
    # Ctrl-C stops it even when started from a script in the background (which ignores
    # SIGINT), and so does SIGTERM (`kill`, a service manager)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupted)
    with _errors():
        try:  # an addition under way when stopped is rolled back whole
            _dossier(dossier).watch(
                folder, interval=interval,
                added=lambda update: _tell(update, dossier, summary=not quiet),
                failed=lambda exc: click.echo(f"error: {terminal_text(exc)}", err=True),
                ready=lambda: click.echo(f"watching {folder} for reports to add to {dossier} "
                                         "(Ctrl-C stops)", err=True))
        except KeyboardInterrupt:
            pass
    click.echo("stopped", err=True)


@cli.command()
@click.argument("dossier", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the two files into (default: DOSSIER itself).")
def export(dossier: Path, target: Path | None) -> None:
    """Write dossier.json and the one-page index.html of the record in DOSSIER.

    \b
    `build` and `add` write them for records of up to page_max_reports reports
    (a setting, 2,000 by default); this writes them for a record of any size.
    Example:
      corroborator export dossier/ --to /tmp/full-dossier
    """
    with _errors():
        written = _dossier(dossier).export(target)
    click.echo(f"written {written[0]} and {written[1]}")


# --- what the commands share: messages, progress, errors ------------------------------


def _dossier(folder: Path) -> Dossier:
    """The dossier in ``folder``; a command that waits for another says so on stderr."""
    return Dossier(folder, waiting=lambda msg: click.echo(msg, err=True))


@contextmanager
def _errors() -> Iterator[None]:
    """Our known errors as a message (no traceback), made safe for the terminal."""
    try:
        yield
    except CorroboratorError as exc:
        raise click.ClickException(terminal_text(exc)) from exc


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _tell(update: Update, folder: Path, *, summary: bool) -> None:
    """The skipped inputs (always) and, with ``summary``, what a build or an addition did."""
    for s in update.skipped:
        click.echo(f"skipped: {terminal_text(s.path)}: {terminal_text(s.reason)}", err=True)
    if not summary:
        return
    if update.rebuilt:
        click.echo(_summary_line(update.counts))
        pages = (f"{folder / 'index.html'} (JSON: {folder / 'dossier.json'}, SQLite: "
                 f"{folder / 'record.sqlite'})" if update.pages
                 else f"{folder / 'record.sqlite'} (too large for one page: "
                      f"corroborator serve {folder})")
        click.echo(f"dossier written to {pages}")
        return
    again = [*update.already, *(f"every readable report of {u}" for u in update.all_held)]
    for path in again[:ALREADY_SHOWN]:
        click.echo(f"already in the record: {terminal_text(_shown(path))}", err=True)
    if len(again) > ALREADY_SHOWN:
        click.echo(f"already in the record: {_count(len(again) - ALREADY_SHOWN, 'more report')}",
                   err=True)
    click.echo(f"added {_count(len(update.added), 'report')} "
               f"(events: {', '.join(update.events) or 'none'}); "
               + _summary_line(update.counts))


ALREADY_SHOWN = 10  # reports named as already in the record; the rest are counted


def _shown(path: str) -> str:
    """A path as the user would type it: relative to the working folder when under it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _count(n: int, word: str) -> str:
    """"1 report", "2 reports"; "skipped" does not change."""
    return f"{n:,} {word}" if n == 1 or word == "skipped" else f"{n:,} {word}s"


def _summary_line(c: dict[str, int]) -> str:
    return ", ".join(_count(c[k], word) for k, word in (
        ("reports", "report"), ("events", "event"), ("facts", "fact"),
        ("conflicts", "conflict"), ("skipped", "skipped")))


def _logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING,
                        format="%(levelname)s: %(message)s")


class _progress:
    """A progress bar on stderr for the parse, the long stage; silent when quiet or not a tty."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or not sys.stderr.isatty()
        self.bar: object | None = None

    def __enter__(self) -> Self:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="analysing reports", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)  # type: ignore[attr-defined]

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)  # type: ignore[attr-defined]


@cli.command()
@click.argument("target", metavar="DIR", type=click.Path(exists=True, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep the loopback default unless you mean to share.")
@click.option("--port", "-p", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one (the URL printed says which).")
@click.option("--allowed-host", "allowed", multiple=True, metavar="NAME",
              help="A host name requests may use besides this machine's own names and IP "
                   "addresses, when --host is not loopback (repeatable).")
def serve(target: Path, host: str, port: int, allowed: tuple[str, ...]) -> None:
    """Read the record in DIR (a `build --out` folder or a record.sqlite) in a browser.

    \b
    Pages: the overview (conflicts first), facts, a fact with every sentence
    that states it, reports side by side, a report's highlighted text,
    subjects, quotes by speaker, entities, events, a timeline, search, and the
    raw tables with filters and CSV export. Every page has a JSON twin: add
    .json to its URL. Read-only; the record is reloaded when rebuilt.

    \b
    Example:
      corroborator serve dossier/          # then open http://127.0.0.1:8000
    """
    from .web import serve as serve_record

    def ready(url: str) -> None:
        click.echo(f"Serving {target} at {url} (read-only; Ctrl-C to stop)")

    try:
        serve_record(target, host=host, port=port, ready=ready, allowed=allowed)
    except (CorroboratorError, OSError) as exc:
        raise click.ClickException(terminal_text(exc)) from exc
