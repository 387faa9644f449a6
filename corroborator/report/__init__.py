"""The human-readable report: one self-contained HTML page from a ``Record``."""

from __future__ import annotations

from .render import render_index

__all__ = ["render_index"]
