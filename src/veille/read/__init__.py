"""Readers: paths (files, directories, stdin) to a stream of RawArticles.

Each input item is yielded as a ``RawArticle`` or, when it cannot be read, as an
``InputError``; one bad file never stops the stream. ``decode`` turns bytes into text,
``fields`` checks the fields of an article, ``files`` reads every supported format.
"""
from __future__ import annotations

from .fields import validate
from .files import read_paths, read_stream

__all__ = ["read_paths", "read_stream", "validate"]
