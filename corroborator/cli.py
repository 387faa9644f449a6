"""The command line: a thin shell over the library (``corroborator --help``)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import CorroboratorError
from .record.lock import terminal_text
from .settings import Settings

INPUTS_FILE = "inputs.json"  # what a dossier was built from, for `add`


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
    from .ingest.fetch import is_url, read_url_list

    if not reports and not url_lists:
        raise click.UsageError("give the reports (files, folders or URLs), or --urls with a "
                               "file of URLs, or both.")
    paths = [Path(r) for r in reports if not is_url(r)]
    try:  # URLs given as arguments are fetched as `add` fetches them, with those of --urls
        urls = [r for r in reports if is_url(r)]
        urls += [u for listing in url_lists for u in read_url_list(listing)]
    except CorroboratorError as exc:
        raise click.ClickException(terminal_text(exc)) from exc
    inputs = {"cwd": str(Path.cwd()), "paths": [str(p) for p in paths],
              "urls": list(dict.fromkeys(urls)),
              "settings": str(Path(settings_file).resolve()) if settings_file else None,
              "story": story or _story_name(tuple(paths) if len(reports) == 1 else ())}
    _build_into(out, inputs, quiet, engine="dask" if scheduler else engine, scheduler=scheduler)


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
    _add_to(dossier, inputs_to_add, quiet=quiet, regroup=regroup)


def _add_to(dossier: Path, inputs_to_add: Sequence[str], *, quiet: bool,
            regroup: bool = False, summary: bool | None = None) -> None:
    """`corroborator add`: the new inputs join inputs.json and the record (in place when it
    can be, else rebuilt). Raises ``click.ClickException`` with the reason when it fails.

    ``summary``: print what was added and the record's counts (default: unless quiet)."""
    summary = not quiet if summary is None else summary
    from .ingest.fetch import is_url
    from .record.lock import dossier_lock

    try:  # one writer at a time: a second `add` waits, then reads the inputs the first left
        with dossier_lock(dossier, waiting=lambda msg: click.echo(msg, err=True)):
            inputs = _read_inputs(dossier)
            urls = [i for i in inputs_to_add if is_url(i)]
            paths = [str(Path(i).resolve()) for i in inputs_to_add if not is_url(i)]
            for p in paths:
                if not Path(p).exists():
                    raise click.ClickException(f"{terminal_text(p)}: no such file or folder")
            base = Path(inputs.get("cwd") or Path.cwd())
            known = [str((base / p).resolve()) for p in inputs.get("paths", [])]
            # the record's paths are relative to where it was built (its inputs' paths are
            # absolute once added to)
            held = _held(dossier, Path(inputs.get("record_cwd") or base))
            inputs["paths"] = list(dict.fromkeys([*known, *paths]))
            inputs["cwd"] = str(Path.cwd())
            inputs["urls"] = list(dict.fromkeys([*inputs.get("urls", []), *urls]))
            if not regroup and _add_in_place(dossier, inputs, paths, urls, quiet, held,
                                             summary=summary):
                return
            events = () if regroup else _known_events(dossier)
            _build_into(dossier, inputs, quiet, known_events=events, summary=summary)
    except CorroboratorError as exc:  # the lock was held too long
        raise click.ClickException(terminal_text(exc)) from exc


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

    from .record.store import read_paths
    from .watch import watch

    def add_batch(paths: list[Path]) -> None:
        try:
            _add_to(dossier, [str(p) for p in paths], quiet=True, summary=not quiet)
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)

    inputs = _read_inputs(dossier)
    base = Path(inputs.get("cwd") or Path.cwd())
    try:
        held = [base / p for p in read_paths(dossier / "record.sqlite")]
    except CorroboratorError as exc:
        raise click.ClickException(terminal_text(exc)) from exc
    _logging(quiet)
    _warm_up(Settings.load(inputs.get("settings")))
    click.echo(f"watching {folder} for reports to add to {dossier} (Ctrl-C stops)", err=True)
    # Ctrl-C stops it even when started from a script in the background (which ignores
    # SIGINT), and so does SIGTERM (`kill`, a service manager)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        watch(folder, add_batch, interval=interval, held=held)
    except KeyboardInterrupt:  # an addition under way is rolled back whole
        pass
    click.echo("stopped", err=True)


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _warm_up(settings: Settings) -> None:
    """Load the NLP pipeline and the embedding model now, not at the first report."""
    from .nlp import embed, make_nlp

    make_nlp(settings.spacy_model)
    embed.load()


def _read_inputs(dossier: Path) -> dict[str, Any]:
    """What the dossier was built from (inputs.json)."""
    import json

    try:
        inputs: dict[str, Any] = json.loads((dossier / INPUTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.ClickException(
            f"{dossier} has no readable {INPUTS_FILE} ({exc}): build it with "
            "`corroborator build ... --out` first.") from exc
    return inputs


def _held(dossier: Path, base: Path) -> list[str]:
    """The inputs the record holds (its reports and skipped inputs), as absolute paths (URLs
    as they are); none when there is no record to read (it is then built anew)."""
    from .ingest.fetch import is_url
    from .record.store import read_paths

    try:
        return [p if is_url(p) else str((base / p).resolve())
                for p in read_paths(dossier / "record.sqlite")]
    except CorroboratorError:
        return []


def _already_held(held: Sequence[str], given: Sequence[str], skipped: Sequence[str]) -> list[str]:
    """The inputs of ``held`` that ``given`` names (a report, a URL, or a folder holding it),
    left out of an addition because the record holds them already."""
    import os

    folders = [g.rstrip(os.sep) + os.sep for g in given if Path(g).is_dir()]
    names = set(given)
    return [h for h in held if h not in skipped
            and (h in names or h.split(":", 1)[0] in names or h.startswith(tuple(folders)))]


def _shown(path: str) -> str:
    """A path as the user would type it: relative to the working folder when under it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _count(n: int, word: str) -> str:
    """"1 report", "2 reports"; "skipped" does not change."""
    return f"{n:,} {word}" if n == 1 or word == "skipped" else f"{n:,} {word}s"


def _add_in_place(dossier: Path, inputs: dict[str, Any], paths: list[str], urls: list[str],
                  quiet: bool, held: Sequence[str] = (), *, summary: bool = True) -> bool:
    """Add to the record in place (``incremental``); False when it cannot be done so (the
    reason is logged) and the record must be rebuilt."""
    import json

    from .errors import NotIncremental
    from .incremental import add_reports
    from .record.dossier import write_atomic
    from .record.outputs import refresh_pages
    from .record.store import read_summary

    _logging(quiet)
    settings = Settings.load(inputs.get("settings"))
    # inputs.json before the record's commit (as in _build_into), put back if nothing is added
    before = (dossier / INPUTS_FILE).read_text(encoding="utf-8")
    write_atomic(dossier / INPUTS_FILE, json.dumps(inputs, indent=1))
    try:
        with _progress(quiet) as progress:
            added = add_reports(dossier, paths, settings, urls=urls, progress=progress)
    except NotIncremental as exc:
        logging.getLogger("corroborator").warning("rebuilding the record: %s", exc)
        return False
    except Exception:  # raised before the commit (its last step): nothing was added
        write_atomic(dossier / INPUTS_FILE, before)
        raise
    refresh_pages(dossier, settings)
    for s in added.skipped:
        click.echo(f"skipped: {terminal_text(s.path)}: {terminal_text(s.reason)}", err=True)
    if not summary:
        return True
    again = _already_held(held, [*paths, *urls], [s.path for s in added.skipped])
    if not added.reports:  # what could be read is held already: say so of a feed's items too
        again += [f"every readable report of {u}" for u in urls if u not in again]
    for path in again[:ALREADY_SHOWN]:
        click.echo(f"already in the record: {terminal_text(_shown(path))}", err=True)
    if len(again) > ALREADY_SHOWN:
        click.echo(f"already in the record: {_count(len(again) - ALREADY_SHOWN, 'more report')}",
                   err=True)
    counts, _ = read_summary(dossier / "record.sqlite")
    click.echo(f"added {_count(len(added.reports), 'report')} "
               f"(events: {', '.join(added.events) or 'none'}); " + _summary_line(counts))
    return True


ALREADY_SHOWN = 10  # reports named as already in the record; the rest are counted


def _summary_line(c: dict[str, int]) -> str:
    return ", ".join(_count(c[k], word) for k, word in (
        ("reports", "report"), ("events", "event"), ("facts", "fact"),
        ("conflicts", "conflict"), ("skipped", "skipped")))


def _logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING,
                        format="%(levelname)s: %(message)s")


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
    from .record.lock import dossier_lock
    from .record.outputs import write_pages
    from .record.store import read_record

    out = target or dossier
    try:
        out.mkdir(parents=True, exist_ok=True)
        with dossier_lock(dossier, waiting=lambda msg: click.echo(msg, err=True)):
            record = read_record(dossier / "record.sqlite")
            write_pages(out, record, Settings(), force=True)
    except (CorroboratorError, OSError) as exc:
        raise click.ClickException(terminal_text(exc)) from exc
    click.echo(f"written {out / 'dossier.json'} and {out / 'index.html'}")


def _known_events(dossier: Path) -> tuple[Any, ...]:
    """The events of the record being added to (none if it cannot be read: then every
    report is grouped afresh)."""
    from .record.store import read_events

    try:
        return read_events(dossier / "record.sqlite")
    except CorroboratorError:
        return ()


def _build_into(out: Path, inputs: dict[str, Any], quiet: bool, *, engine: str = "local",
                scheduler: str | None = None, known_events: Any = (),
                summary: bool | None = None) -> None:
    """Build the record of ``inputs`` and write the dossier files (and inputs.json) to ``out``."""
    import json

    from .pipeline import build_indexed
    from .record.dossier import write_atomic
    from .record.lock import dossier_lock
    from .record.outputs import write_built

    _logging(quiet)
    try:
        settings = Settings.load(inputs.get("settings"))
        with dossier_lock(out, waiting=lambda msg: click.echo(msg, err=True)):
            with _progress(quiet) as progress:
                record, index = build_indexed(_input_paths(inputs), settings,
                                              progress=progress, story=inputs.get("story"),
                                              urls=inputs["urls"], cache_dir=out / "cache",
                                              engine=engine, scheduler=scheduler,
                                              known_events=known_events)
            # inputs.json first: killed between the two, the inputs list more than the record
            # holds (a rebuild reads them again), never less (a rebuild would drop reports)
            inputs["record_cwd"] = str(Path.cwd())  # what the record's relative paths are from
            write_atomic(out / INPUTS_FILE, json.dumps(inputs, indent=1))
            write_built(out, record, index, settings)
    except CorroboratorError as exc:
        raise click.ClickException(terminal_text(exc)) from exc
    for s in record.skipped:
        click.echo(f"skipped: {terminal_text(s.path)}: {terminal_text(s.reason)}", err=True)
    if quiet if summary is None else not summary:  # -q: errors only (the skipped, above)
        return
    conflicts = sum(f.status == "conflict" for f in record.facts)
    click.echo(_summary_line({"reports": len(record.documents), "events": len(record.events),
                              "facts": len(record.facts), "conflicts": conflicts,
                              "skipped": len(record.skipped)}))
    pages = (f"{out / 'index.html'} (JSON: {out / 'dossier.json'}, SQLite: {out / 'record.sqlite'})"
             if len(record.documents) <= settings.page_max_reports
             else f"{out / 'record.sqlite'} (too large for one page: corroborator serve {out})")
    click.echo(f"dossier written to {pages}")


def _input_paths(inputs: dict[str, Any]) -> list[Path]:
    """The paths of inputs.json, as given when run from where they were given."""
    base = Path(inputs.get("cwd") or Path.cwd())
    paths = [Path(p) for p in inputs.get("paths", [])]
    return paths if base == Path.cwd() else [base / p for p in paths]


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
def serve(target: Path, host: str, port: int) -> None:
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
        serve_record(target, host=host, port=port, ready=ready)
    except (CorroboratorError, OSError) as exc:
        raise click.ClickException(terminal_text(exc)) from exc
