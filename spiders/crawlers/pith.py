"""``scrapy crawl pith -a seeds=1906.01820,https://pith.science/citations/<uuid> -a depth=2``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spiders.crawlers.base import CitegraphSpider, seeds_from_file
from spiders.normalize.ids import bare_arxiv, canonical_url
from spiders.pages.common import page_type_of

PITH = "https://pith.science"
PITH_NUMBER_PAGE = re.compile(rf"^{PITH}/pith/([A-Z2-7]{{26}})$")


class PithSpider(CitegraphSpider):
    """Follows Pith's graph: paper pages, hubs, Pith numbers (JSON first for identifiers)."""

    name = "pith"
    hosts = ("pith.science", "www.pith.science")
    default_follow = ("pith-paper", "pith-hub", "pith-json")

    def canonical(self, url: str) -> str:
        """``/ref/arxiv/<id>`` is the paper page ``/paper/<id>``; ``www.`` folded."""
        url = canonical_url(url)
        return re.sub(r"^https://pith\.science/ref/arxiv/", f"{PITH}/paper/", url)

    def start_items(self) -> Iterator[Any]:
        for seed in self.seed_list or []:
            for s in seeds_from_file(seed[1:]) if seed.startswith("@") else [seed]:
                yield from self._seed(s)

    def _seed(self, seed: str) -> Iterator[Any]:
        if arxiv := bare_arxiv(seed.removeprefix("arXiv:").removeprefix("arxiv:")):
            seed = f"{PITH}/paper/{arxiv[0]}"
        url = self.canonical(seed if "://" in seed else f"{PITH}/{seed.lstrip('/')}")
        page_type = page_type_of(url)
        if page_type is None:
            self.logger.warning("seed %s is not a Pith page this spider knows; skipped", seed)
            return
        for target, kind in self.expand(url, page_type, seed=True):
            yield from self.visit(target, kind, 0)

    def expand(self, url: str, page_type: str, seed: bool = False) -> list[tuple[str, str]]:
        """A Pith number is fetched as JSON (record + bundle aliases); its HTML page only when asked for."""
        m = PITH_NUMBER_PAGE.match(url) if "/pith/" in url else None
        if not m:
            return [(url, page_type)]
        base = f"{PITH}/pith/{m.group(1)}"
        out = [(f"{base}.json", "pith-json"), (f"{base}/bundle.json", "pith-json")]
        if seed or "pith-number" in self.follow:
            out.append((url, "pith-number"))
        return out
