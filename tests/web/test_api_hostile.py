"""Hostile requests against a real server: every bad id or body is a 4xx with a JSON error,
never a 500; a body over the limit is refused as it streams in; keep-alive survives errors."""
from __future__ import annotations

import http.client
import json
import threading
import time
from urllib.parse import quote, urlsplit

import pytest
from web_server import free_port

from veille.web import create_app


def _connection(server) -> http.client.HTTPConnection:
    u = urlsplit(server.url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def _ask(conn: http.client.HTTPConnection, method: str, path: str, body=None, **kw) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers, **kw)
    r = conn.getresponse()
    return r.status, json.loads(r.read() or b"null")


@pytest.mark.parametrize("ident", ["²", "9" * 25, "9" * 5000, "\u0663", "-1", "1e3"])
def test_a_bad_article_id_is_a_404_and_the_connection_stays(server, ident):
    conn = _connection(server)
    status, body = _ask(conn, "GET", "/api/articles/" + quote(ident))
    assert status == 404 and "no article" in body["detail"]
    assert _ask(conn, "GET", "/api/health")[0] == 200  # the same keep-alive connection


def test_an_unpaired_surrogate_to_analyze_is_a_400(server):
    conn = _connection(server)
    status, body = _ask(conn, "POST", "/api/analyze", json.dumps({"text": "Il a dit \ud800 jeudi."}).encode())
    assert status == 400 and "unpaired surrogate" in body["detail"]
    assert _ask(conn, "GET", "/api/health")[0] == 200


def test_too_many_search_words_is_a_400(server):
    status, body, _ = server.get("/api/search", q=" ".join(f"m{i}" for i in range(60)))
    assert status == 400 and "too many words" in body["detail"]
    status, body, _ = server.get("/api/search", q=" ".join(["accord"] * 60))  # one word, said 60 times
    assert status == 200


def test_a_chunked_body_over_the_limit_is_refused_before_it_is_held(server):
    import resource

    def body():  # 64 MB without a Content-Length; the server's limit is 95 kB (5,000 characters)
        yield b'{"text": "'
        for _ in range(2048):
            yield b"a" * 32768
        yield b'"}'

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB; the server runs in this process
    conn = _connection(server)
    try:
        status, answer = _ask(conn, "POST", "/api/analyze", body(), encode_chunked=True)
    except (BrokenPipeError, ConnectionResetError):  # the server may close before the client is done
        return
    assert status == 413 and "at most 5000 characters" in answer["detail"]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 32 * 1024


def test_a_declared_body_over_the_limit_is_refused_unread(server):
    conn = _connection(server)
    conn.putrequest("POST", "/api/analyze")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(10**9))
    conn.endheaders()
    r = conn.getresponse()
    assert r.status == 413 and "json" in r.headers["content-type"]


def test_a_bug_is_a_json_500_and_the_connection_stays(kb_path):
    import uvicorn
    app = create_app(str(kb_path))

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("a bug")

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        for _ in range(3):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status, body = _ask(conn, "GET", "/api/boom")
            assert status == 500 and "RuntimeError" in body["detail"]
            assert _ask(conn, "GET", "/api/health")[0] == 200
            conn.close()
    finally:
        server.should_exit = True
        thread.join(10)
