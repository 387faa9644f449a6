"""Stage 4, group: which reports describe which real-world event.

- ``entities``: names merged across their aliases and reports;
- ``profiles``: what grouping reads of each report (lead, names, figures, dates);
- ``stories``: reports grouped by story (level 1), and the partner rule;
- ``events``: events within a story (level 2), and the stage, ``group``;
- ``placing``: reports added to a record placed among its kept stories and events;
- ``event_parts``: event labels and the headline cannot-link.
"""
