"""Readers: paths (files, directories, stdin) to a stream of RawArticles.

Each input item is yielded as a ``RawArticle`` or, when it cannot be read, as an
``InputError``; one bad file never stops the stream.
"""
from __future__ import annotations

from .files import read_paths, read_stream

__all__ = ["read_paths", "read_stream"]
