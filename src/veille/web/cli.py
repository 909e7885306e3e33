"""``veille serve``: the HTTP API and the web page. Registered on the main group."""
from __future__ import annotations

import logging
from pathlib import Path

import click

from ..errors import VeilleError

log = logging.getLogger(__name__)


def register(group: click.Group) -> None:
    group.add_command(serve)


@click.command()
@click.option("--db", default="veille.db", show_default=True, metavar="FILE|URL",
              help="The knowledge base: a SQLite file, or a postgresql:// URL (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes the server to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--max-chars", type=click.IntRange(1), default=100_000, show_default=True,
              help="Longest article /api/analyze accepts, in characters.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True, help="Server log level (requests are logged at info).")
def serve(db, host, port, max_chars, log_level):
    """Serve the web page at / and the JSON API at /api (OpenAPI description: /api/openapi.json).

    The knowledge base is only read; analysing a pasted article does not store it. Without
    a knowledge base the page still analyses pasted articles.
    """
    from . import create_app

    try:
        app = create_app(db, max_chars=max_chars)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from exc
    if "://" not in db and not Path(db).is_file():
        click.echo(f"veille serve: warning: no knowledge base at {db} (create it with veille ingest); "
                   "only /api/analyze will work", err=True)
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    click.echo(f"veille serve: http://{shown}:{port}/ (knowledge base: {db}); Ctrl+C to stop", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
