"""Stage what: see docs/architecture.md."""
from __future__ import annotations

from ..work import Work


def annotate(work: Work) -> None:
    """Not yet implemented: leaves the field empty."""
