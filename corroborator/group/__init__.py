"""Stage 4, group: which reports describe which real-world event.

- ``entities``: names merged across their aliases and reports;
- ``profiles``: what grouping reads of each report (lead, names, figures, dates);
- ``events``: stories, then events within a story;
- ``event_parts``: event labels and the headline cannot-link.
"""
