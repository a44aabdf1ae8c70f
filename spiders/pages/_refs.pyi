from typing import Any

from spiders.records import Reference

def reference_entries(
    page: Any, citing_arxiv: str | None, blocks: list[Any], citing_pith: str | None = None
) -> list[Reference]: ...
