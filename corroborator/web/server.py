"""Serve a record over HTTP with waitress: ``corroborator serve DIR``.

waitress is a pure-Python, multi-threaded WSGI server with no dependencies
of its own; it is what serves the app, on 127.0.0.1 unless told otherwise.

The Host check stays on wherever it listens (``allowed_hosts``): on a loopback
address a request must name a loopback host; on any other it may also name this
machine (its host name and fully qualified name), an IP address, or a name given
with ``--allowed-host``. Any other name is refused (400), so a web page cannot
reach the record by DNS rebinding. Listening beyond loopback is announced first.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import StoreError
from .app import LOOPBACK_HOSTS, AllowedHosts, App, make_app

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "allowed_hosts", "create_server", "exposure_warning",
           "record_path", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
THREADS = 8
# Idle connections: waitress stops accepting at `connection_limit` open ones and closes
# one only after `channel_timeout` s of silence (100 and 120 by default), so 101 idle
# sockets (slowloris) shut readers out for two minutes. Many more are allowed (poll(), not
# select(), has no 1,024-descriptor ceiling) and an idle one is dropped after 15 s.
CONNECTION_LIMIT = 1000
CHANNEL_TIMEOUT = 15
RECORD_FILE = "record.sqlite"


def record_path(target: str | Path) -> Path:
    """The record file of ``target``: a ``build --out`` folder, or a record file itself."""
    path = Path(target)
    if path.is_dir():
        path = path / RECORD_FILE
        if not path.is_file():
            raise StoreError(
                f"{target}: no {RECORD_FILE} in this folder; "
                f"run `corroborator build REPORTS --out {target}` first"
            )
    return path


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> AllowedHosts:
    """The Host names a server listening on ``host`` answers (see the module docstring)."""
    if is_loopback(host):
        return AllowedHosts(LOOPBACK_HOSTS | {host.lower()} | _names(extra))
    own = {socket.gethostname(), socket.getfqdn()}
    everywhere = host.strip("[]") in ("0.0.0.0", "::", "")
    names = LOOPBACK_HOSTS | _names(own) | _names(extra) | (set() if everywhere else {host.lower()})
    return AllowedHosts(frozenset(names), addresses=True)


def _names(given: Sequence[str] | set[str]) -> frozenset[str]:
    return frozenset(n.strip().lower().rstrip(".") for n in given if n and n.strip())


def exposure_warning(host: str, allowed: AllowedHosts | None = None) -> str | None:
    """What to tell the user before listening on ``host``, if it is not loopback-only."""
    if is_loopback(host):
        return None
    everywhere = host.strip("[]") in ("0.0.0.0", "::", "")
    where = "every network interface of this machine" if everywhere else host
    names = sorted((allowed or allowed_hosts(host)).names - LOOPBACK_HOSTS)
    return (f"warning: serving on {where}: anyone who can reach this machine can read the "
            "record. The Host check that guards against DNS rebinding stays on: a request "
            "must name this machine by an IP address or by one of the names "
            f"{', '.join(names) or 'localhost'} (add more with --allowed-host NAME). Use "
            "--host 127.0.0.1 (the default) unless you mean to share it.")


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def create_server(
    target: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    threads: int = THREADS,
    allowed: Sequence[str] = (),
) -> tuple[object, str]:
    """A waitress server for the record of ``target`` (not yet running), and its URL.

    Port 0 picks a free port; the URL says which. Only requests naming a host of
    ``allowed_hosts(host, allowed)`` are answered (see the module docstring).
    """
    import waitress.server  # imported here: the rest of corroborator never needs it

    app: App = make_app(record_path(target), allowed_hosts=allowed_hosts(host, allowed))
    server = waitress.server.create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="corroborator",
        clear_untrusted_proxy_headers=True,
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=CHANNEL_TIMEOUT,
        asyncore_use_poll=True,
    )
    shown = f"[{host}]" if ":" in host else host
    return server, f"http://{shown}:{server.effective_port}/"


def serve(
    target: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    threads: int = THREADS,
    ready: Callable[[str], None] | None = None,
    warn: Callable[[str], None] | None = None,
    allowed: Sequence[str] = (),
) -> None:
    """Serve the record of ``target`` until interrupted; ``ready(url)`` is called once
    listening; ``warn`` (standard error by default) is told first when ``host`` is not
    a loopback address. ``allowed``: more host names requests may give (``--allowed-host``)."""
    message = exposure_warning(host, allowed_hosts(host, allowed))
    if message is not None:
        (warn or _to_stderr)(message)
    server, url = create_server(target, host=host, port=port, threads=threads, allowed=allowed)
    if ready is not None:
        ready(url)
    try:
        server.run()  # type: ignore[attr-defined]
    except KeyboardInterrupt:
        pass
    finally:
        server.close()  # type: ignore[attr-defined]
