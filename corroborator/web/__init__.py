"""Read a record in a browser: ``corroborator serve DIR``.

A small read-only WSGI app over the ``Record`` that ``store.read_record``
loads, served by waitress. See ``docs/web.md`` for the pages, their JSON
twins, and why this is an app of our own rather than a Datasette plugin.
"""

from .app import CSP, App, make_app
from .server import create_server, record_path, serve

__all__ = ["CSP", "App", "create_server", "make_app", "record_path", "serve"]
