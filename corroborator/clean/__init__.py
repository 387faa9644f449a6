"""Stage 2, clean: web clutter out, story in, every offset traceable to the raw text.

- ``clutter``: line-level cleaning of one report (its lines, and the rules that keep or remove each);
- ``features``: what a line looks like, read from its text alone;
- ``boilerplate``: which repeated lines are page furniture (counted across reports);
- ``batch``: the stage, ``clean_batch``: a batch cleaned, or reports appended to a kept one.
"""
