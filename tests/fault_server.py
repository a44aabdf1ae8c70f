"""A localhost server that misbehaves on purpose, standing in for pith.science in crawl tests."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def paper_page(arxiv: str, links: list[str] = ()) -> bytes:  # type: ignore[assignment]
    """A minimal Pith paper review page linking to other papers through its reference list."""
    refs = "".join(
        f'<li><p>[{i}]</p><p>A. Author. Paper {link}. 2020.</p><p><a href="/paper/{link}">Pith review</a></p></li>'
        for i, link in enumerate(links, 1)
    )
    return (
        f"<!DOCTYPE html><html><body><main><h1>Paper {arxiv}</h1><p>Pith reviewed 2026-01-01 00:00 UTC · model m</p>"
        f"<h2>The pith</h2><p>Paper {arxiv} says something.</p><h2>Reference graph</h2>"
        f"<p>Works this paper leans on</p><ol>{refs}</ol></main></body></html>"
    ).encode()


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.server.hits[path].append(time.time())
        count = len(self.server.hits[path])
        route = self.server.routes.get(path)
        if route is None:
            return self.reply(404, b"not found")
        route(self, count)
        return None

    def reply(self, status: int, body: bytes, headers: dict[str, str] | None = None, length: int | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default listen backlog of 5 drops connects; the client's SYN retry takes 1 s
    hits: defaultdict[str, list[float]]
    routes: dict[str, Any]


@contextmanager
def serve(routes: dict[str, Any]) -> Iterator[FaultServer]:
    """Serve ``routes`` (path -> handler(request, nth hit)) on a free localhost port."""
    server = FaultServer(("127.0.0.1", 0), FaultHandler)
    server.hits, server.routes = defaultdict(list), routes
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def base_url(server: FaultServer) -> str:
    return f"http://127.0.0.1:{server.server_port}"
