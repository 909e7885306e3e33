"""veille: news articles in, checkable knowledge out.

    >>> import veille
    >>> a = veille.analyze("Le secrétaire d'État américain Mike Pompeo ...", published="2019-05-10")
    >>> a.to_dict()["entities"]

Public API: ``analyze`` (one article), ``analyze_many`` (a stream), ``read_paths`` (inputs to
articles), ``Options``, the record types and the error hierarchy.
"""
from __future__ import annotations

from .errors import AnalysisError, ConfigError, InputError, ModelError, StoreError, VeilleError
from .options import Options
from .pipeline import Failure, analyze, analyze_many
from .read import read_paths
from .records import (SCHEMA_VERSION, Actor, Analysis, Entity, Event, Mention, Quote, RawArticle,
                      Removal, Source, Span, Speaker, TimeExpr)

__version__ = "0.1.0"

__all__ = [
    "analyze", "analyze_many", "read_paths", "Options", "Failure",
    "Analysis", "Entity", "Mention", "Quote", "Speaker", "TimeExpr", "Event", "Actor", "Span",
    "Removal", "Source", "RawArticle", "SCHEMA_VERSION",
    "VeilleError", "InputError", "ModelError", "AnalysisError", "StoreError", "ConfigError",
    "__version__",
]
