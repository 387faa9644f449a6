"""Stage 6, record: the outputs of a dossier folder and the state kept to add to it.

- ``store``: ``record.sqlite``, written whole or updated in place by one writer;
  its tables (``schema``), rows (``rows``) and in-place ``changes``;
- ``serialise``: one serialiser per model, for record.sqlite, dossier.json and the web;
- ``dossier``: the dossier JSON;
- ``outputs``: every file of a dossier folder;
- ``state``: what ``add`` keeps beside the record;
- ``cache``: per-report analyses, so ``add`` parses only what is new;
- ``lock``: one writer at a time per dossier folder.
"""
