"""HTTP API and web page over a knowledge base, plus analysis of a pasted article.

    >>> from veille.web import create_app
    >>> app = create_app("veille.db")          # an ASGI app: serve it with uvicorn
    $ veille serve --db veille.db --port 8000  # the same, from the command line

FastAPI and uvicorn are the optional extra ``web`` (``pip install 'veille[web]'``); they are
imported only when an app is built, so the rest of veille never needs them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from .app import Settings

INSTALL_HINT = "the web server needs FastAPI and uvicorn: pip install 'veille[web]'"


def require_web() -> None:
    """Raise a ConfigError with an install hint when the web extra is missing."""
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc


def create_app(db: str = "veille.db", **settings: Any):
    """The ASGI app serving the API under /api and the page at /; see ``app.Settings``."""
    require_web()
    from .app import Settings, build
    return build(Settings(db=str(db), **settings))


__all__ = ["create_app", "require_web", "INSTALL_HINT"]
