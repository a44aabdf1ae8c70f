"""Records parsed from Longterm Wiki pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from spiders.records.base import Record, fast_init


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class WikiPage(Record):
    """A wiki article."""

    kind: ClassVar[str] = "wiki_page"
    entity_id: str | None
    """``E<n>`` of the article."""
    title: str | None
    """Article title."""
    wiki_url: str | None = None
    """The article's canonical address, ``https://www.longtermwiki.com/wiki/E<n>``."""
    description: str | None = None
    """The summary paragraph under the title."""
    annotation_count: int = 0
    """Inline source annotations on the page."""
    reference_count: int = 0
    """Entries in the References list."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class WikiAnnotation(Record):
    """An inline source annotation: a link with its hover card."""

    kind: ClassVar[str] = "wiki_annotation"
    entity_id: str | None
    """Article the annotation is on."""
    position: int
    """1-based position in the article."""
    link_text: str | None
    """The link's text as shown."""
    url: str | None = None
    """The link's URL (None in text renderings, which drop links)."""
    resource_type: str | None = None
    """Type word: paper, web, blog, government, ... (unknown words verbatim)."""
    stars: int | None = None
    """Credibility stars 1-5."""
    credibility_label: str | None = None
    """Gold, High, Good, Mixed, Low (from the star badge's title)."""
    publication: str | None = None
    """Publication name."""
    peer_reviewed: bool | None = None
    """True when `` (peer-reviewed)`` follows the publication."""
    title: str | None = None
    """Resource title as the card shows it (citation labels such as ``Langosco et al. (2022)`` included)."""
    note: str | None = None
    """Editorial note (live site only)."""
    citation_count: int | None = None
    """``N citations`` when shown."""
    authors: list[str] = field(default_factory=list)
    """Authors as shown (the first three)."""
    authors_raw: str | None = None
    """The author line as shown, year excluded."""
    et_al: bool = False
    """True when the author line ends in ``et al.``."""
    year: int | None = None
    """Year (the card is the only place it shows)."""
    summary: str | None = None
    """Summary as shown (cut to 177 characters + ``...``)."""
    summary_truncated: bool | None = None
    """True when the summary ends in ``...``."""
    tags: list[str] = field(default_factory=list)
    """Tags shown (the first four)."""
    tags_raw: str | None = None
    """Tags run together, as a text rendering shows them (HTML gives ``tags`` instead)."""
    hidden_tag_count: int | None = None
    """N of ``+N``."""
    hidden_tags: list[str] = field(default_factory=list)
    """The hidden tags when the page lists them (``title`` of the ``+N`` badge)."""
    ref_number: int | None = None
    """K of a ``[K]`` citation marker next to the link."""
    resource_id: str | None = None
    """Wiki resource id, joined from the References list by URL."""
    card_raw: str | None = None
    """The whole card text; from text renderings the run-together head (publication, title, note)."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class WikiReference(Record):
    """One entry of an article's References list."""

    kind: ClassVar[str] = "wiki_reference"
    entity_id: str | None
    """Article the list is on."""
    number: int
    """Entry number."""
    resource_id: str | None = None
    """16-hex resource id from ``/resources/<id>``."""
    title: str | None = None
    """Title as listed."""
    meta_raw: str | None = None
    """The meta line as shown (``publication · author · year · type``)."""
    publication: str | None = None
    """Publication from the meta line."""
    author: str | None = None
    """Author from the meta line (``A``, ``A & B``, ``A, B & C``, ``A et al.``)."""
    year: int | None = None
    """Year from the meta line."""
    resource_type: str | None = None
    """Type from the meta line, lower-cased (unknown words verbatim)."""
    summary: str | None = None
    """The full summary."""
    stars: int | None = None
    """Credibility stars."""
    url: str | None = None
    """The source URL."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class WikiPageData(Record):
    """``/wiki/E<n>/data``: the page record JSON."""

    kind: ClassVar[str] = "wiki_page_data"
    entity_id: str | None
    """``E<n>``."""
    data: dict[str, Any] | None
    """The JSON as served."""
