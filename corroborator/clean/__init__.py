"""Stage 2, clean: web clutter out, story in, every offset traceable to the raw text.

- ``clutter``: line-level cleaning of one report and of a batch (lines repeated across reports);
- ``boilerplate``: which repeated lines are page furniture.
"""
