"""Every kind of failure becomes an error record with the right reason; good pages in the run still land."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tests.crawl_helpers import crawl
from tests.fault_server import FaultHandler, base_url, paper_page, serve

GOOD = ["2401.00001", "2401.00002"]
BIG = 2 * 1024 * 1024


def _always(status: int, headers: dict[str, str] | None = None) -> Any:
    return lambda h, n: h.reply(status, b"busy", headers)


def _slow(h: FaultHandler, n: int) -> None:
    time.sleep(5)
    h.reply(200, paper_page("2401.00408"))


def _truncated(h: FaultHandler, n: int) -> None:
    h.reply(200, paper_page("2401.00777")[:200], length=5000)
    h.wfile.flush()
    h.close_connection = True


def _serves(arxiv: str) -> Any:
    return lambda h, n: h.reply(200, paper_page(arxiv))


def _once_429(h: FaultHandler, n: int) -> None:
    if n == 1:
        h.reply(429, b"slow down", {"Retry-After": "1"})
    else:
        h.reply(200, paper_page("2401.00430"))


ROUTES: dict[str, Any] = {
    "/robots.txt": lambda h, n: h.reply(200, b"User-agent: *\nDisallow: /paper/2401.00403\n"),
    "/paper/2401.00001": lambda h, n: h.reply(200, paper_page("2401.00001", ["2401.00002"])),
    "/paper/2401.00002": lambda h, n: h.reply(200, paper_page("2401.00002")),
    "/paper/2401.00429": _always(429, {"Retry-After": "1"}),
    "/paper/2401.00430": _once_429,
    "/paper/2401.00500": _always(500),
    "/paper/2401.00408": _slow,
    "/paper/2401.00777": _truncated,
    "/paper/2401.00310": lambda h, n: h.reply(302, b"", {"Location": "/paper/2401.00311"}),
    "/paper/2401.00311": lambda h, n: h.reply(302, b"", {"Location": "/paper/2401.00310"}),
    "/paper/2401.00301": lambda h, n: h.reply(302, b"", {"Location": "https://evil.example.org/x"}),
    "/paper/2401.00999": lambda h, n: h.reply(200, b"<html>" + b"x" * BIG + b"</html>"),
    "/paper/2401.00403": lambda h, n: h.reply(200, paper_page("2401.00403")),
}
EXPECTED = {
    "2401.00429": "http_429",
    "2401.00500": "http_500",
    "2401.00408": "timeout",
    "2401.00777": "truncated_body",
    "2401.00310": "redirect_loop",
    "2401.00301": "offsite_redirect",
    "2401.00999": "oversize_body",
    "2401.00403": "robots_denied",
}


def test_each_failure_is_an_error_record_and_good_pages_land(tmp_path: Path) -> None:
    with serve(ROUTES) as server:
        seeds = ["2401.00001", "2401.00430", *EXPECTED]
        settings = {
            "DOWNLOAD_TIMEOUT": "2",  # 1 s timed robots.txt out on a loaded CI machine
            "DOWNLOAD_MAXSIZE": str(BIG // 2),
            "RETRY_TIMES": "2",
            "CITEGRAPH_BACKOFF_BASE": "0.1",
            "REDIRECT_MAX_TIMES": "3",
        }
        result, rec = crawl(
            tmp_path, "pith", {"pith.science": base_url(server)}, seeds=seeds, depth=1, settings=settings
        )
        hits = {path: list(times) for path, times in server.hits.items()}
    assert result.ok, (result.manifest, (tmp_path / "pith.log").read_text()[-4000:])
    reasons = {e["source_url"].rsplit("/", 1)[1]: e["reason"] for e in rec["crawl_error"]}
    assert reasons == EXPECTED, (rec["crawl_error"], hits)
    landed = {p["arxiv_id"] for p in rec["pith_paper"]}
    assert landed == {"2401.00001", "2401.00002", "2401.00430"}, "good pages, and the 429-once page after its retry"
    gaps = [b - a for a, b in zip(hits["/paper/2401.00429"], hits["/paper/2401.00429"][1:], strict=False)]
    assert len(gaps) == 2 and all(g >= 0.9 for g in gaps), f"Retry-After: 1 not honoured: {gaps}"
    assert len(hits["/paper/2401.00500"]) == 3, "two retries with backoff, then an error record"
    assert "/paper/2401.00403" not in hits, "robots.txt denied it: never fetched"
    assert result.manifest["errors"] == {r: 1 for r in EXPECTED.values()}, (result.manifest, hits)
    assert result.manifest["stats"]["citegraph/errors/timeout"] == 1


def test_unreadable_robots_txt_means_nothing_is_fetched(tmp_path: Path) -> None:
    """RFC 9309: robots.txt that answers 5xx (after retries) means complete disallow, not Scrapy's allow-all."""
    routes = dict(ROUTES, **{"/robots.txt": _always(503)})
    with serve(routes) as server:
        settings = {"RETRY_TIMES": "1", "CITEGRAPH_BACKOFF_BASE": "0.1"}
        result, rec = crawl(
            tmp_path, "pith", {"pith.science": base_url(server)}, seeds=GOOD, depth=1, settings=settings
        )
        hits = {path: list(times) for path, times in server.hits.items()}
    assert result.ok, result.manifest
    assert set(hits) == {"/robots.txt"} and len(hits["/robots.txt"]) == 2, hits
    reasons = {e["source_url"].rsplit("/", 1)[1]: (e["stage"], e["reason"]) for e in rec["crawl_error"]}
    assert reasons == {a: ("robots", "robots_unreachable") for a in GOOD}, rec["crawl_error"]
    assert "HTTP 503" in rec["crawl_error"][0]["detail"]
    assert not rec.get("pith_paper")


def test_missing_robots_txt_means_no_rules(tmp_path: Path) -> None:
    routes = {k: v for k, v in ROUTES.items() if k != "/robots.txt"}  # 404
    with serve(routes) as server:
        result, rec = crawl(tmp_path, "pith", {"pith.science": base_url(server)}, seeds=GOOD, depth=1)
    assert result.ok, result.manifest
    assert not rec.get("crawl_error")
    assert {p["arxiv_id"] for p in rec["pith_paper"]} == set(GOOD)


def test_robots_txt_on_a_host_that_refuses_connections(tmp_path: Path) -> None:
    with serve(ROUTES) as server:
        closed = base_url(server)  # its port is closed once the server stops
    settings = {"RETRY_TIMES": "1", "CITEGRAPH_BACKOFF_BASE": "0.1"}
    result, rec = crawl(tmp_path, "pith", {"pith.science": closed}, seeds=GOOD, depth=1, settings=settings)
    assert result.ok, result.manifest
    reasons = {e["source_url"].rsplit("/", 1)[1]: e["reason"] for e in rec["crawl_error"]}
    assert reasons == dict.fromkeys(GOOD, "robots_unreachable"), rec["crawl_error"]
    assert "Refused" in rec["crawl_error"][0]["detail"], rec["crawl_error"][0]


def test_requests_waiting_for_robots_txt_all_get_its_rules(tmp_path: Path) -> None:
    """Scrapy gave the rules to the first request waiting on robots.txt only; the others went out without them."""
    denied = [f"2401.0040{i}" for i in range(1, 7)]

    def slow_robots(h: FaultHandler, n: int) -> None:
        time.sleep(0.5)  # every seed arrives while robots.txt is on its way
        h.reply(200, b"User-agent: *\nDisallow: /paper/2401.0040\n")

    routes = dict(ROUTES, **{"/robots.txt": slow_robots})
    routes.update({f"/paper/{a}": _serves(a) for a in denied})
    with serve(routes) as server:
        result, rec = crawl(tmp_path, "pith", {"pith.science": base_url(server)}, seeds=[*denied, *GOOD], depth=1)
        hits = set(server.hits)
    assert result.ok, result.manifest
    reasons = {e["source_url"].rsplit("/", 1)[1]: e["reason"] for e in rec["crawl_error"]}
    assert reasons == dict.fromkeys(denied, "robots_denied"), (reasons, hits)
    assert {p["arxiv_id"] for p in rec["pith_paper"]} == set(GOOD)
    assert not hits & {f"/paper/{a}" for a in denied}
