"""One error hierarchy for veille.

    VeilleError
    ├── InputError          an article cannot be read (missing, binary, empty, unsupported, too large)
    ├── ModelError          a language model is missing or failed to load
    ├── AnalysisError       a stage failed on one article
    ├── StoreError          the knowledge base cannot be opened, written or queried
    │   ├── StoreConflict   a concurrent writer got in the way (deadlock, lock timeout): retry the transaction
    │   └── QueryError      a value given to a query is not valid (a date, a type, a country code)
    └── ConfigError         options or resource files are invalid

Errors from lower libraries are wrapped at the boundary with ``raise ... from exc``.
"""
from __future__ import annotations


class VeilleError(Exception):
    """Base class of every error veille raises on purpose."""


class InputError(VeilleError):
    """An input cannot be read or is not an article."""

    def __init__(self, message: str, where: str | None = None):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class ModelError(VeilleError):
    """A spaCy model is missing or broken."""


class AnalysisError(VeilleError):
    """A stage of the analysis failed on one article."""


class StoreError(VeilleError):
    """The knowledge base cannot be opened, written or queried."""


class StoreConflict(StoreError):
    """A transaction lost to a concurrent writer (deadlock, serialization failure, lock timeout);
    running it again can succeed."""


class ConfigError(VeilleError):
    """Invalid options or resource files."""


class QueryError(StoreError):
    """A value given to a query is not valid; ``field`` names the filter (``since``, ``type``)."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")
