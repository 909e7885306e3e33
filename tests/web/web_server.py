"""A real uvicorn server for the web tests, in a thread on a free port of 127.0.0.1."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veille.web import create_app


@dataclass
class Server:
    url: str
    server: Any

    def get(self, path: str, **params: Any) -> tuple[int, Any, dict[str, str]]:
        from urllib.parse import urlencode
        query = ("?" + urlencode({k: v for k, v in params.items() if v is not None})) if params else ""
        return _send(urllib.request.Request(self.url + path + query))

    def post(self, path: str, body: Any = None, raw: bytes | None = None) -> tuple[int, Any, dict[str, str]]:
        data = raw if raw is not None else json.dumps(body).encode()
        return _send(urllib.request.Request(self.url + path, data=data, method="POST",
                                            headers={"Content-Type": "application/json"}))


def _send(req: urllib.request.Request) -> tuple[int, Any, dict[str, str]]:
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, body, headers = r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        status, body, headers = e.code, e.read(), dict(e.headers)
    ctype = headers.get("content-type", "")
    return status, json.loads(body) if "json" in ctype else body.decode("utf-8"), headers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path | str, **settings: Any) -> Server:
    """uvicorn serving ``create_app(db)`` in a thread on 127.0.0.1, once it accepts connections."""
    port = free_port()
    import uvicorn

    config = uvicorn.Config(create_app(str(db), **settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    server.thread = thread
    return Server(f"http://127.0.0.1:{port}", server)


def stop_server(s: Server) -> None:
    s.server.should_exit = True
    s.server.thread.join(10)
