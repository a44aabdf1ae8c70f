"""Records parsed from Pith pages: hubs, citing entries, paper reviews, references, Pith numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from spiders.records.base import Record, fast_init


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class PithHub(Record):
    """A hub page: the works citing one work, with Pith's summaries of how they cite it."""

    kind: ClassVar[str] = "pith_hub"
    hub_uuid: str | None
    """The hub's uuid from ``/citations/<uuid>`` (None when read from text without a URL)."""
    title: str | None
    """Title of the cited work as the hub shows it (may come from a raw reference)."""
    abstract: str | None = None
    """Abstract of the cited work."""
    tier: str | None = None
    """Tier word: ``super hub``, ``hub`` or an unknown word kept verbatim."""
    badge: str | None = None
    """Badge words, e.g. ``Canonical reference``, ``Mixed citations`` (open vocabulary, verbatim)."""
    badge_sentence: str | None = None
    """The sentence under the title, e.g. ``Canonical reference. 90% of citing Pith papers ...``."""
    dominant_role: str | None = None
    """Most common citation role named by the badge sentence, e.g. ``background``."""
    dominant_role_pct: float | None = None
    """Share of citing papers with the dominant role, in percent."""
    role_summary: list[dict[str, Any]] = field(default_factory=list)
    """Citation-role summary entries ``{"label", "pct", "count", "raw"}`` when the page shows them."""
    polarity_summary: list[dict[str, Any]] = field(default_factory=list)
    """Citation-polarity summary entries ``{"label", "pct", "count", "raw"}`` when shown."""
    claims: list[str] = field(default_factory=list)
    """Claims-ledger items, verbatim."""
    authors: list[str] = field(default_factory=list)
    """Authors of the cited work, when listed."""
    co_cited: list[str] = field(default_factory=list)
    """Co-cited works, when listed."""
    representative_count: int = 0
    """Number of representative citing-paper summaries on the page."""
    explorer_count: int = 0
    """Number of citing-papers-explorer entries on the page."""
    context_line: str | None = None
    """Text before the hub proper (the summary of the page the crawl came from), kept verbatim."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class HubCitation(Record):
    """One citing work listed on a hub, in the representative or the explorer section."""

    kind: ClassVar[str] = "hub_citation"
    hub_uuid: str | None
    """Hub the entry is listed on."""
    section: str
    """``representative`` (one-line summaries, no titles) or ``explorer`` (title rows)."""
    position: int
    """1-based position within its section, in page order."""
    title: str | None = None
    """Title of the citing work (explorer rows only)."""
    summary: str | None = None
    """Pith's one-line summary of the citing work."""
    category: str | None = None
    """arXiv category when the row shows one, e.g. ``cs.CL``."""
    date: str | None = None
    """Date shown on the row (YYYY-MM-DD)."""
    verdict: str | None = None
    """Pith verdict word on the row, verbatim (e.g. ``reject``)."""
    labels: list[str] = field(default_factory=list)
    """Further labels on the row, verbatim (e.g. ``none``)."""
    citing_arxiv: str | None = None
    """arXiv id of the citing work when the entry links to it."""
    citing_pith: str | None = None
    """Pith number (or short form) of the citing work when linked."""
    citing_url: str | None = None
    """Absolute real URL the entry links to."""
    raw: str = ""
    """The entry's text as shown."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class PithPaper(Record):
    """A paper review page (``/paper/<id>``, ``/ref/arxiv/<id>``)."""

    kind: ClassVar[str] = "pith_paper"
    arxiv_id: str | None
    """arXiv id without version (old-style ids keep their slash)."""
    arxiv_version: int | None = None
    """Version number from the ``arxiv:`` line."""
    pith_short: str | None = None
    """Pith short number (8 chars) from the ``arxiv:`` line or the URL."""
    submitted: str | None = None
    """Submission date, YYYY-MM-DD."""
    categories: list[str] = field(default_factory=list)
    """arXiv categories."""
    title: str | None = None
    """Paper title."""
    authors: list[str] = field(default_factory=list)
    """Authors, in page order."""
    authors_raw: str | None = None
    """The authors line as shown."""
    recognition: str | None = None
    """``Recognition: ...`` line, verbatim."""
    reviewed_at: str | None = None
    """When Pith reviewed it, ``YYYY-MM-DD HH:MM`` UTC."""
    review_model: str | None = None
    """Model that wrote the review."""
    classification: str | None = None
    """Classification line, verbatim."""
    keywords: list[str] = field(default_factory=list)
    """Keywords (from elements in HTML; from text only when separable)."""
    keywords_raw: str | None = None
    """Keywords line as shown."""
    pith: str | None = None
    """The one-sentence pith."""
    core_claim: str | None = None
    """``Core claim`` section."""
    carrying_argument: str | None = None
    """``What carries the argument`` section."""
    if_right: list[str] = field(default_factory=list)
    """``If this is right`` bullets."""
    between_the_lines: list[str] = field(default_factory=list)
    """``Where Pith is reading between the lines`` bullets."""
    load_bearing_premise: str | None = None
    """``Load-bearing premise`` section."""
    what_would_settle: str | None = None
    """``What would settle it`` section."""
    abstract: str | None = None
    """The original abstract."""
    review_sections: dict[str, str] = field(default_factory=dict)
    """Other review sections (Editorial analysis, Referee Report, ...) as text, by heading."""
    cited_by_count: int | None = None
    """N of ``Cited by N Pith papers`` (0 when the block is absent)."""
    reference_count: int = 0
    """References after merging split entries."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class ForwardCitation(Record):
    """A paper listed under ``Forward citations`` of a review page: it cites that paper."""

    kind: ClassVar[str] = "forward_citation"
    cited_arxiv: str | None
    """arXiv id of the reviewed (cited) paper."""
    position: int
    """1-based position in the list."""
    title: str | None
    """Title of the citing paper."""
    summary: str | None = None
    """Pith's one-line summary of the citing paper."""
    citing_arxiv: str | None = None
    """arXiv id of the citing paper when the entry links to it."""
    citing_url: str | None = None
    """Absolute real URL the entry links to."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Reference(Record):
    """One entry of a paper's reference list (entries split across numbers already merged)."""

    kind: ClassVar[str] = "reference"
    citing_arxiv: str | None
    """arXiv id of the paper whose reference list this is."""
    citing_pith: str | None = None
    """Pith number of that paper, when the list came from a Pith-number page."""
    index: int
    """The site's number of the entry (the first number when merged)."""
    merged_indices: list[int] = field(default_factory=list)
    """All numbers merged into this entry, e.g. [15, 16]."""
    raw: str
    """The raw reference string as shown (merged parts joined by a space)."""
    resolved_title: str | None = None
    """The title line Pith resolved the reference to, when shown."""
    title: str | None = None
    """Best title: the resolved title, else the one parsed from the raw string."""
    parsed_title: str | None = None
    """Title parsed from the raw string (LaTeX decoded, joints repaired)."""
    authors: list[str] = field(default_factory=list)
    """Authors parsed from the raw string, LaTeX decoded."""
    venue: str | None = None
    """Venue parsed from the raw string."""
    year: int | None = None
    """Publication year."""
    arxiv_id: str | None = None
    """arXiv id (no version; old-style ids keep their slash)."""
    arxiv_version: int | None = None
    """arXiv version when the string or link names one."""
    doi: str | None = None
    """DOI, lower-cased (``10.48550/arxiv.X`` is reported as arXiv X too)."""
    doi_truncated: bool = False
    """True when the DOI is visibly cut off (ends in ``-`` or ``/``)."""
    url: str | None = None
    """First URL in the string, with spaces inside it repaired."""
    cited_hub: str | None = None
    """Hub uuid of the cited work, from the ``work page`` link."""
    cited_pith: str | None = None
    """Pith number or short form of the cited work, when linked."""
    badges: list[str] = field(default_factory=list)
    """Link badges shown after the entry (``work page``, ``Pith review``, ``arXiv``, a year ...)."""
    notes: list[str] = field(default_factory=list)
    """What the reference parser repaired: page_number_stripped, joint_repaired, latex_decoded, ..."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class PithNumber(Record):
    """A Pith-number record, from ``/pith/<id>`` (HTML or JSON-LD) or ``/pith/<id>.json``."""

    kind: ClassVar[str] = "pith_number"
    pith_number: str
    """``pith:<YYYY>:<ID>`` (or just the 26-char ID when the year is not shown)."""
    pith_id: str
    """The 26-character base32 id."""
    year: int | None = None
    """YYYY of the number (year of arXiv submission)."""
    arxiv_id: str | None = None
    """arXiv id the number denotes."""
    title: str | None = None
    """Title of the work."""
    authors: list[str] = field(default_factory=list)
    """Authors (the page sorts them alphabetically by first name, not in arXiv order)."""
    authors_text: str | None = None
    """Authors as one string (``authors_text`` in the JSON)."""
    status: list[str] = field(default_factory=list)
    """Status words, e.g. ``not attested``, ``refs resolved``."""
    headline: str | None = None
    """Headline from the record JSON."""
    abstract: str | None = None
    """Abstract (truncated in the record JSON)."""
    categories: list[str] = field(default_factory=list)
    """arXiv categories."""
    verification_status: str | None = None
    """``verification_status`` from the record JSON."""
    record_completeness: str | None = None
    """``Record completeness`` line, verbatim."""
    cited_by_count: int | None = None
    """``Cited by`` count when shown."""
    refs_extracted: int | None = None
    """From the count line ``87 extracted · 87 resolved · 9 Pith anchors``."""
    refs_resolved: int | None = None
    """Resolved references count."""
    pith_anchors: int | None = None
    """References anchored to Pith numbers."""
    canonical_hash: str | None = None
    """The sha256 the page prints for its canonical record."""
    computed_hash: str | None = None
    """sha256 of the canonical record (sorted keys, compact JSON), computed here."""
    hash_verified: bool | None = None
    """Whether the printed hash matches the computed one (None when either is missing)."""
    canonical_record: dict[str, Any] | None = None
    """The canonical record JSON."""
    document: str | None = None
    """Which document this came from: page, record_json, bundle_json, state_json, json_ld."""
    state: dict[str, Any] | None = None
    """``state.json`` as served (event counts, graph snapshots)."""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class PithAlias(Record):
    """One alias of a Pith number (from ``bundle.json`` ``source_aliases`` or the page's Aliases)."""

    kind: ClassVar[str] = "pith_alias"
    pith_number: str
    """The Pith number the alias belongs to."""
    alias_kind: str
    """arxiv, arxiv_version, doi, pith_short_8, pith_short_12, pith_short_16 or an unknown kind verbatim."""
    alias_value: str
    """The alias value as given (DOIs lower-cased)."""
