"""Serve mirrored (or generated) sites on localhost, one origin per real host.

``MirrorServer(root).start()`` starts a threaded HTTP server per host directory under ``root``
(``root/<real host>/<path>.html``, plus ``root/routes.json`` for redirects and aliases). Pages carry
an ETag and Last-Modified and answer conditional requests with 304, like a well-behaved live site.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
from collections import Counter
from datetime import datetime
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_ROOT = Path(__file__).parent / "sites"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
}
ETAGS_KEPT = 100_000
NOT_FOUND = (
    b"<!DOCTYPE html><html><head><title>404: This page could not be found</title></head>"
    b"<body><h1>404</h1><h2>This page could not be found.</h2></body></html>"
)


class Site:
    """One real host's files, redirects and aliases."""

    def __init__(self, host: str, root: Path, routes: dict[str, Any], modified: float) -> None:
        self.host, self.root = host, root
        self.redirects: dict[str, list[Any]] = routes.get("redirects", {})
        self.aliases: dict[str, str] = routes.get("aliases", {})
        self.modified = modified
        self.hits: Counter[tuple[str, int]] = Counter()
        self.connections = 0
        self.lock = threading.Lock()
        self.last_modified = formatdate(modified, usegmt=True)
        self._real_root = os.path.realpath(root)
        self._folders: dict[str, str] = {}
        self._etags: dict[str, tuple[tuple[int, int, int], str]] = {}

    def resolve(self, path: str) -> tuple[int, Path | str | None]:
        """Status and file (or redirect target) for a request path."""
        if path in self.redirects:
            status, location = self.redirects[path]
            return int(status), str(location)
        path = self.aliases.get(path, path)
        rel = path.lstrip("/")
        for candidate in (f"{rel}.html", rel) if rel else ("index.html",):
            if (file := self._locate(candidate)) is not None:
                return 200, file
        return 404, None

    def _locate(self, rel: str) -> Path | None:
        """``root/rel`` with its links resolved when it is a regular file inside the root, else None: what
        ``Path.resolve`` and a test of its parents give, with each folder's real path looked up once (``resolve`` on
        every request took half the server's CPU in a crawl)."""
        folder, name = os.path.split(os.path.normpath(rel))
        if name in ("", ".", ".."):
            return None
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = os.path.realpath(os.path.join(self._real_root, folder))
        file = os.path.join(real_folder, name)
        try:
            mode = os.lstat(file).st_mode
            if stat.S_ISLNK(mode):
                file = os.path.realpath(file)
                mode = os.stat(file).st_mode
        except (OSError, ValueError):  # missing, a file for a folder, a NUL in the path
            return None
        if not stat.S_ISREG(mode) or not file.startswith(self._real_root + os.sep):
            return None
        return Path(file)

    def body(self, file: Path) -> tuple[bytes, str]:
        """A file's bytes and ETag (the hash of its bytes), the hash kept while the file's size, inode and
        modification time stay the same (for the last ``ETAGS_KEPT`` files hashed)."""
        with open(file, "rb") as fh:
            st = os.fstat(fh.fileno())
            data = fh.read()
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        cached = self._etags.get(str(file))
        if cached is not None and cached[0] == key:
            return data, cached[1]
        etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
        if len(self._etags) >= ETAGS_KEPT:
            self._etags.pop(next(iter(self._etags)))
        self._etags[str(file)] = (key, etag)
        return data, etag

    def count(self, path: str, status: int) -> None:
        with self.lock:
            self.hits[(path, status)] += 1


class Handler(BaseHTTPRequestHandler):
    """Serves one Site; the server object carries it."""

    server: _SiteServer
    protocol_version = "HTTP/1.1"

    def do_HEAD(self) -> None:
        self.respond(body_wanted=False)

    def do_GET(self) -> None:
        self.respond(body_wanted=True)

    def respond(self, body_wanted: bool) -> None:
        site = self.server.site
        path = urlsplit(self.path).path
        status, target = site.resolve(path)
        if status != 200:
            site.count(path, status)
        if isinstance(target, str):
            self.send(status, b"", {"Location": target}, body_wanted)
        elif target is None:
            self.send(404, NOT_FOUND, {"Content-Type": TYPES[".html"]}, body_wanted)
        else:
            self.serve_file(target, body_wanted)

    def serve_file(self, file: Path, body_wanted: bool) -> None:
        site = self.server.site
        body, etag = site.body(file)
        modified = site.modified
        headers = {
            "ETag": etag,
            "Last-Modified": site.last_modified,
            "Content-Type": TYPES.get(file.suffix, "application/octet-stream"),
            "Cache-Control": "public, max-age=0, must-revalidate",
        }
        path = urlsplit(self.path).path
        if self.not_modified(etag, modified):
            self.server.site.count(path, 304)
            self.send(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"}, False)
            return
        self.server.site.count(path, 200)
        self.send(200, body, headers, body_wanted)

    def not_modified(self, etag: str, modified: float) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return etag in [m.strip() for m in match.split(",")] or match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since).timestamp() >= int(modified)
            except (TypeError, ValueError):
                return False
        return False

    def send(self, status: int, body: bytes, headers: dict[str, str], body_wanted: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body_wanted and body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # socketserver's backlog of 5 drops bursts of connects (each retried after 1 s)
    site: Site

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.site.lock:
            self.site.connections += 1
        super().process_request(request, client_address)


class MirrorServer:
    """All sites under a root, each on its own 127.0.0.1 port."""

    def __init__(self, root: Path = DEFAULT_ROOT, port: int = 0, host: str = "127.0.0.1") -> None:
        self.root = root
        self.port = port
        self.bind = host
        self.servers: dict[str, _SiteServer] = {}
        self.threads: list[threading.Thread] = []

    def sites(self) -> list[Site]:
        """The sites found under the root (one per host directory)."""
        routes_file = self.root / "routes.json"
        routes = json.loads(routes_file.read_text()) if routes_file.exists() else {}
        stamp = routes.get("snapshot_date")
        modified = datetime.fromisoformat(f"{stamp}T00:00:00+00:00").timestamp() if stamp else 0.0
        hosts = sorted(p.name for p in self.root.iterdir() if p.is_dir() and "." in p.name)
        return [Site(h, self.root / h, routes.get(h, {}), modified) for h in hosts]

    def start(self) -> dict[str, str]:
        """Start serving; returns real host -> local base URL."""
        for i, site in enumerate(self.sites()):
            server = _SiteServer((self.bind, self.port + i if self.port else 0), Handler)
            server.site = site
            thread = threading.Thread(target=server.serve_forever, name=f"mirror-{site.host}", daemon=True)
            thread.start()
            self.servers[site.host] = server
            self.threads.append(thread)
        return self.hostmap()

    def hostmap(self) -> dict[str, str]:
        """Real host -> local base URL, for the running servers."""
        return {host: f"http://{self.bind}:{server.server_port}" for host, server in self.servers.items()}

    def hits(self) -> Counter[tuple[str, str, int]]:
        """Requests served so far, by (host, path, status)."""
        total: Counter[tuple[str, str, int]] = Counter()
        for host, server in self.servers.items():
            for (path, status), n in server.site.hits.items():
                total[(host, path, status)] += n
        return total

    def connections(self) -> int:
        """TCP connections accepted so far, over all sites (a client that keeps its connections alive opens few)."""
        return sum(server.site.connections for server in self.servers.values())

    def stop(self) -> None:
        """Shut every server down."""
        for server in self.servers.values():
            server.shutdown()
            server.server_close()
        self.servers.clear()

    def __enter__(self) -> MirrorServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def hostmap_text(hostmap: dict[str, str]) -> str:
    """The one-line-per-site announcement (``pith.science http://127.0.0.1:8731``)."""
    return "\n".join(f"{host} {base}" for host, base in hostmap.items())
