"""The exceptions corroborator raises, and what to do about each.

::

    CorroboratorError
    ├── InputError          a report could not be read (named file, reason, what to do)
    │   └── NoReportsError  nothing at all could be read from the inputs given
    ├── StoreError          the SQLite record could not be written or read
    │   └── NotIncremental  `add` cannot update this record in place (it rebuilds it instead)
    └── ConfigError         a settings file or option is wrong

A bad report is never fatal to a batch: ``ingest`` turns an ``InputError`` into
a ``Skipped`` entry, and the build goes on with the rest.
"""

from __future__ import annotations


class CorroboratorError(Exception):
    """Base class of every error corroborator raises on purpose."""


class InputError(CorroboratorError):
    """A report could not be read."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class NoReportsError(CorroboratorError):
    """None of the inputs gave a readable report."""


class StoreError(CorroboratorError):
    """The SQLite record could not be written or read."""


class ConfigError(CorroboratorError):
    """A setting is missing or has a wrong value."""


class NotIncremental(StoreError):
    """``corroborator add`` cannot add to this record in place: it was built by other code
    or settings, its kept state is missing, or the new reports change what earlier ones
    were cleaned or parsed into. ``add`` then rebuilds the record from all its inputs."""
