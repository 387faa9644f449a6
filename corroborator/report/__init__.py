"""The human-readable report: one self-contained HTML page from a ``Record``."""

from __future__ import annotations

from .render import index_chunks, render_index, render_large

__all__ = ["index_chunks", "render_index", "render_large"]
