"""``scrapy crawl wiki`` (from the sitemap) or ``-a seeds=https://www.longtermwiki.com/wiki/E198``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from scrapy.http import Response

from spiders.crawlers.base import CitegraphSpider, seeds_from_file
from spiders.pages.common import page_type_of
from spiders.parse_pool import ParsedPage

WIKI = "https://www.longtermwiki.com"
SITEMAP = f"{WIKI}/sitemap.xml"


class WikiSpider(CitegraphSpider):
    """Articles from the sitemap (or given URLs), through their redirects to ``/wiki/E<n>``, plus ``/data``."""

    name = "wiki"
    hosts = ("www.longtermwiki.com", "longtermwiki.com")
    default_follow = ("wiki-article",)

    def start_items(self) -> Iterator[Any]:
        seeds = [s for x in self.seed_list for s in (seeds_from_file(x[1:]) if x.startswith("@") else [x])]
        for seed in seeds or [SITEMAP]:
            url = seed if "://" in seed else f"{WIKI}/{seed.lstrip('/')}"
            kind = "sitemap" if url.endswith(".xml") else page_type_of(self.canonical(url)) or "wiki-article"
            yield from self.visit(url, kind, 0)

    async def parse_body(self, response: Response, first: str, final: str, page_type: str) -> ParsedPage:
        if page_type == "sitemap":
            return ParsedPage()
        return await super().parse_body(response, first, final, page_type)

    def extra_links(self, response: Response, final: str, page_type: str) -> list[dict[str, str]]:
        """A sitemap's URLs (or nested sitemaps') are links to follow, depth aside."""
        if page_type != "sitemap":
            return []
        try:
            root = etree.fromstring(response.body, parser=etree.XMLParser(recover=True, resolve_entities=False))
        except etree.XMLSyntaxError:
            return []
        if root is None:
            return []
        out = []
        for loc in root.iter("{*}loc"):
            url = (loc.text or "").strip()
            if url:
                kind = "sitemap" if url.endswith(".xml") else page_type_of(self.canonical(url)) or "wiki-article"
                out.append({"url": url, "page_type": kind, "from_sitemap": "1"})
        return out

    def link_targets(self, links: list[dict[str, str]], depth: int) -> Iterator[tuple[str, str, int]]:
        """Sitemap entries are seeds (depth 0); other links follow the depth limit."""
        for link in links:
            if link["page_type"] == "sitemap" or (depth == 0 and self._from_sitemap(link)):
                yield link["url"], link["page_type"], 0
        yield from super().link_targets([x for x in links if not self._from_sitemap(x)], depth)

    def _from_sitemap(self, link: dict[str, str]) -> bool:
        return bool(link.get("from_sitemap"))

    def always_follow(self, final: str, page_type: str, depth: int) -> Iterator[Any]:
        m = re.match(rf"^{WIKI}/wiki/(E\d+)$", final)
        if page_type == "wiki-article" and m:
            yield from self.visit(f"{WIKI}/wiki/{m.group(1)}/data", "wiki-data", depth)
