"""``/wiki/E<n>/data``: the page record as JSON inside a ``<pre>``."""

from __future__ import annotations

import json
import re

from spiders.pages.blocks import xp
from spiders.pages.common import Page
from spiders.records import Record, WikiPageData


def parse_wiki_data(page: Page) -> list[Record]:
    """The JSON record, or an error record when the ``pre`` holds no valid JSON."""
    m = re.search(r"/wiki/(E\d+)/data", page.url or "")
    if page.root is not None:
        pres = xp(page.root, "//pre")
        raw = "".join(str(t) for t in pres[0].itertext()) if pres else ""
    else:
        raw = "\n".join(b.text for b in page.blocks)
    try:
        data = json.loads(raw)
    except ValueError as exc:
        return [page.error("invalid_json", f"no JSON record in the page: {exc}")]
    if not isinstance(data, dict):
        return [page.error("invalid_json", "the record is not a JSON object")]
    entity = m.group(1) if m else data.get("entity_id") or data.get("id")
    return [WikiPageData(entity_id=str(entity) if entity else None, data=data, **page.prov)]
