"""Stage 1, ingest: files, folders, URLs, feeds and WARC captures become ``RawDoc`` reports.

- ``reports``: paths to reports (text, HTML, JSON, CSV, WARC), with a ``Skipped`` for each bad one;
- ``fetch``: pages from the web under a polite, bounded ``FetchPolicy``;
- ``feeds``: RSS and Atom feeds to the pages they list;
- ``warc``: the HTML responses of a WARC file;
- ``language``: English reports kept, the others named and skipped.
"""
