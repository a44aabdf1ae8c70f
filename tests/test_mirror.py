"""The offline mirror says what the seeds say, over real HTTP, and answers like the real sites."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from mirror.server import MirrorServer
from spiders.pages.blocks import html_blocks, norm, parse_html
from tests.conftest import ROUTES, SEED_PAGES, SEEDS, hub_path


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def get(mirror: MirrorServer, host: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request to the mirror, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(mirror.hostmap()[host] + path, headers=headers)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.mark.parametrize("seed", sorted(SEED_PAGES))
def test_every_seed_line_appears_in_order(mirror: MirrorServer, seed: str) -> None:
    host, path = SEED_PAGES[seed]
    status, headers, body = get(mirror, host, path)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    root = parse_html(body)
    assert root is not None
    text = "\n".join(b.text for b in html_blocks(root))
    position = 0
    for line in (SEEDS / seed).read_text(encoding="utf-8").splitlines():
        if not norm(line):
            continue
        found = text.find(norm(line), position)
        assert found >= 0, f"{seed}: line not found after offset {position}: {line[:120]!r}"
        position = found + len(norm(line))


def test_wiki_redirect_chain_is_real(mirror: MirrorServer) -> None:
    status, headers, _ = get(mirror, "www.longtermwiki.com", "/knowledge-base/models/mesa-optimization-analysis")
    assert (status, headers["Location"]) == (308, "/wiki/mesa-optimization-analysis")
    status, headers, _ = get(mirror, "www.longtermwiki.com", "/wiki/mesa-optimization-analysis")
    assert (status, headers["Location"]) == (307, "/wiki/E198")
    assert get(mirror, "www.longtermwiki.com", "/wiki/E198")[0] == 200


@pytest.mark.parametrize(
    ("host", "path"),
    [
        ("pith.science", "/paper/1606.06565"),
        ("pith.science", "/citations/not-a-hub"),
        ("pith.science", "/robots.txt"),
        ("www.longtermwiki.com", "/wiki/E1"),
        ("www.longtermwiki.com", "/resources/c4858d4ef280d8e6"),
        ("pith.science", "/../../etc/passwd"),
    ],
)
def test_unknown_paths_answer_404(mirror: MirrorServer, host: str, path: str) -> None:
    assert get(mirror, host, path)[0] == 404


def test_robots_and_sitemap(mirror: MirrorServer) -> None:
    status, _, body = get(mirror, "www.longtermwiki.com", "/robots.txt")
    assert status == 200
    assert "Allow: /" in body.decode() and "Sitemap: https://www.longtermwiki.com/sitemap.xml" in body.decode()
    status, headers, body = get(mirror, "www.longtermwiki.com", "/sitemap.xml")
    assert status == 200 and "xml" in headers["Content-Type"]
    locs = re.findall(r"<loc>(.*?)</loc>", body.decode())
    assert locs == ["https://www.longtermwiki.com/knowledge-base/models/mesa-optimization-analysis"]
    assert "<lastmod>" in body.decode()


def test_data_page_holds_the_page_record(mirror: MirrorServer) -> None:
    status, _, body = get(mirror, "www.longtermwiki.com", "/wiki/E198/data")
    assert status == 200
    pre = lxml.html.fromstring(body).xpath("//pre")[0].text_content()
    record = json.loads(pre)
    assert record["entity_id"] == "E198" and record["title"] == "Mesa-Optimization Risk Analysis"


def test_conditional_requests_answer_304(mirror: MirrorServer) -> None:
    status, headers, body = get(mirror, "pith.science", "/paper/1906.01820")
    assert status == 200 and body
    assert get(mirror, "pith.science", "/paper/1906.01820", **{"If-None-Match": headers["ETag"]})[0] == 304
    since = {"If-Modified-Since": headers["Last-Modified"]}
    assert get(mirror, "pith.science", "/paper/1906.01820", **since)[0] == 304
    assert get(mirror, "pith.science", "/paper/1906.01820", **{"If-None-Match": '"other"'})[0] == 200


def test_ref_arxiv_alias_serves_the_paper_page(mirror: MirrorServer) -> None:
    assert (
        get(mirror, "pith.science", "/ref/arxiv/1906.01820")[2] == get(mirror, "pith.science", "/paper/1906.01820")[2]
    )


def _links(mirror: MirrorServer, host: str, path: str) -> list[str]:
    root = parse_html(get(mirror, host, path)[2])
    assert root is not None
    return [str(h) for h in root.xpath("//a/@href")]


def test_pith_links_carry_only_ids_the_seeds_give(mirror: MirrorServer) -> None:
    seed_text = (SEEDS / "003_e4672e15fab3c738.txt").read_text()
    given = set(re.findall(r"arxiv\.org/\s*abs/\s*(\d{4}\.\d{4,5})", seed_text)) | {"1906.01820"}
    hubs = {hub_path(a) for a in ROUTES["hubs"]}
    for host, path in SEED_PAGES.values():
        if host != "pith.science":
            continue
        for href in _links(mirror, host, path):
            ids = re.findall(r"(?:/paper/|/ref/arxiv/|arxiv\.org/abs/)(\d{4}\.\d{4,5})", href)
            assert set(ids) <= given, href
            if href.startswith("/citations/"):
                assert href in hubs
    paper_links = _links(mirror, "pith.science", "/paper/1906.01820")
    assert hubs <= set(paper_links), "seed 003's references to the three hub works link to their hubs"


def test_wiki_links_are_the_real_ones(mirror: MirrorServer, wiki_context: dict[str, Any]) -> None:
    root = parse_html(get(mirror, "www.longtermwiki.com", "/wiki/E198")[2])
    assert root is not None
    wrappers = root.xpath("//span[@role='tooltip']/..")
    assert [w.xpath("./a/@href")[0] for w in wrappers] == [a["url"] for a in wiki_context["inline_annotations"]]
    refs = root.xpath("//section[@aria-label='References']//div[starts-with(@id,'ref-')]//summary/a/@href")
    assert refs == [f"/resources/{r['resource_id']}" for r in wiki_context["references"]]
    assert "<!-- -->" in get(mirror, "www.longtermwiki.com", "/wiki/E198")[2].decode()


def test_links_out_of_the_root_are_not_served_and_changed_files_get_a_new_etag(tmp_path: Path) -> None:
    """The server keeps each folder's real path and each file's ETag: links out of the root still answer 404, and
    a file changed on disk is served with its new bytes and a new ETag."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("secret")
    site = tmp_path / "root" / "pith.science"
    (site / "paper").mkdir(parents=True)
    (site / "paper" / "a.html").write_text("<html><body>a</body></html>")
    (site / "paper" / "b.html").symlink_to(site / "paper" / "a.html")  # a link inside the root: served
    (site / "paper" / "c.html").symlink_to(outside / "secret.html")  # out of the root: not
    (site / "out").symlink_to(outside, target_is_directory=True)
    with MirrorServer(tmp_path / "root") as server:
        status, headers, body = get(server, "pith.science", "/paper/a")
        assert status == 200 and body == b"<html><body>a</body></html>"
        assert get(server, "pith.science", "/paper/b")[0] == 200
        assert get(server, "pith.science", "/paper/c")[0] == 404
        assert get(server, "pith.science", "/out/secret")[0] == 404
        assert get(server, "pith.science", "/paper/../../outside/secret")[0] == 404
        (site / "paper" / "a.html").write_text("<html><body>changed</body></html>")
        status, again, body = get(server, "pith.science", "/paper/a", **{"If-None-Match": headers["ETag"]})
        assert status == 200 and body == b"<html><body>changed</body></html>" and again["ETag"] != headers["ETag"]
