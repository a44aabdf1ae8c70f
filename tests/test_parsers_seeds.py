"""The issue's checks on the five seeds, read as they are and from their mirror HTML: same results."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from spiders.pages.registry import parse_page
from spiders.records import Record
from tests.conftest import ROUTES, SEED_PAGES, SEEDS

MIRROR = Path(__file__).parents[1] / "mirror" / "sites"
FORMS = ("seed-text", "mirror-html")


def records(seed: str, form: str) -> list[Record]:
    host, path = SEED_PAGES[seed]
    url = f"https://{host}{path}"
    if form == "seed-text":
        return parse_page(url, (SEEDS / seed).read_bytes(), "text/plain")
    return parse_page(url, (MIRROR / host / f"{path.lstrip('/')}.html").read_bytes(), "text/html")


def of(recs: list[Record], kind: str, **where: Any) -> list[Any]:
    return [r for r in recs if r.kind == kind and all(getattr(r, k) == v for k, v in where.items())]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("seed", "tier", "badge", "pct", "claims", "reps", "explorer", "title_only"),
    [
        ("000_9e251e4c222c9838.txt", "super hub", "Canonical reference", 90, 1, 23, 50, 0),
        ("001_cc81626da60f529d.txt", "hub", "Canonical reference", 75, 0, 23, 47, 1),
        ("004_3748014a930ff1cc.txt", "hub", "Mixed citations", 60, 0, 14, 17, 2),
    ],
)
def test_hub_seeds(
    form: str, seed: str, tier: str, badge: str, pct: int, claims: int, reps: int, explorer: int, title_only: int
) -> None:
    recs = records(seed, form)
    (hub,) = of(recs, "pith_hub")
    assert (hub.tier, hub.badge, hub.dominant_role, hub.dominant_role_pct) == (tier, badge, "background", pct)
    assert hub.hub_uuid == SEED_PAGES[seed][1].rsplit("/", 1)[1]
    assert len(hub.claims) == claims
    assert hub.abstract and hub.abstract.endswith((".", ")")) and len(hub.abstract) > 500
    assert len(of(recs, "hub_citation", section="representative")) == reps == hub.representative_count
    rows = of(recs, "hub_citation", section="explorer")
    assert len(rows) == explorer == hub.explorer_count
    assert all(r.title for r in rows) and sum(1 for r in rows if r.summary is None) == title_only
    assert [r.position for r in rows] == list(range(1, explorer + 1))


def test_hub_001_last_entry_is_a_title_without_summary() -> None:
    for form in FORMS:
        rows = of(records("001_cc81626da60f529d.txt", form), "hub_citation", section="explorer")
        assert rows[-1].title == "Positive Alignment: Artificial Intelligence for Human Flourishing"
        assert rows[-1].summary is None


def test_hub_explorer_links_carry_the_citing_arxiv_id() -> None:
    rows = of(records("000_9e251e4c222c9838.txt", "mirror-html"), "hub_citation", section="explorer")
    assert rows[0].citing_arxiv == "1906.01820" and rows[0].citing_url == "https://pith.science/paper/1906.01820"


@pytest.mark.parametrize("form", FORMS)
def test_paper_seed(form: str) -> None:
    recs = records("003_e4672e15fab3c738.txt", form)
    (paper,) = of(recs, "pith_paper")
    assert paper.arxiv_id == "1906.01820"
    assert paper.title == "Risks from Learned Optimization in Advanced Machine Learning Systems"
    assert (paper.reviewed_at, paper.review_model) == ("2026-05-15 12:17", "grok-4.3")
    assert paper.cited_by_count == 20 and paper.reference_count == 35
    assert paper.pith and paper.core_claim and paper.abstract and len(paper.if_right) == 4
    forward = of(recs, "forward_citation")
    assert len(forward) == 20
    twins = [f for f in forward if f.title == "Positive Alignment: Artificial Intelligence for Human Flourishing"]
    assert len(twins) == 2 and twins[0].summary != twins[1].summary
    refs = of(recs, "reference")
    assert len(refs) == 35 and sum(len(r.merged_indices) for r in refs) == 40
    assert {tuple(r.merged_indices) for r in refs if len(r.merged_indices) > 1} == {
        (15, 16),
        (17, 18),
        (20, 21),
        (26, 27),
        (39, 40),
    }
    seed_text = (SEEDS / "003_e4672e15fab3c738.txt").read_text()
    for ref in refs:
        if "arxiv.org" in ref.raw.replace(" ", ""):
            assert ref.arxiv_id and ref.arxiv_id in ref.raw.replace(" ", "") and ref.arxiv_id in seed_text
    (r34,) = [r for r in refs if r.index == 34]
    assert (r34.arxiv_id, r34.title, r34.year) == ("1606.06565", "Concrete Problems in AI Safety", 2016)
    (r28,) = [r for r in refs if r.index == 28]
    assert not r28.raw.endswith("38") or "page_number_stripped" in r28.notes
    assert r28.url and r28.url.endswith("lang=en&") and r28.title == "Superintelligence: Paths, Dangers, Strategies"
    (r32,) = [r for r in refs if r.index == 32]
    assert r32.title == "The absent-minded driver" and r32.authors[0] == "Robert J. Aumann"
    assert sum(1 for r in refs if r.authors and r.title) >= 33
    assert sum(1 for r in refs if r.year) >= 31


def test_paper_mirror_references_link_hubs() -> None:
    refs = of(records("003_e4672e15fab3c738.txt", "mirror-html"), "reference")
    hubs = {r.arxiv_id: r.cited_hub for r in refs if r.cited_hub}
    assert hubs == {arxiv: info["uuid"] for arxiv, info in ROUTES["hubs"].items()}


@pytest.mark.parametrize("form", FORMS)
def test_wiki_seed(form: str) -> None:
    recs = records("002_eda5f7c2b1485344.txt", form)
    (page,) = of(recs, "wiki_page")
    assert (page.entity_id, page.title) == ("E198", "Mesa-Optimization Risk Analysis")
    anns = of(recs, "wiki_annotation")
    assert len(anns) == 35 == page.annotation_count
    assert Counter(a.resource_type for a in anns) == {"paper": 17, "web": 15, "blog": 2, "government": 1}
    first = anns[0]
    assert (first.link_text, first.resource_type, first.stars, first.year) == (
        "Hubinger et al. (2019)",
        "paper",
        3,
        2019,
    )
    assert first.authors == ["Evan Hubinger", "Chris van Merwijk", "Vladimir Mikulik"] and first.et_al
    # Read off the seed: 31 cards show stars, 16 a year, 17 an author line, 8 a citation count.
    assert sum(1 for a in anns if a.stars) == 31
    assert sum(1 for a in anns if a.year) == 16 and sum(1 for a in anns if a.citation_count) == 8
    assert sum(1 for a in anns if a.authors) == 17
    assert len(of(recs, "wiki_reference")) == 24 == page.reference_count


def test_wiki_mirror_html_gives_the_card_fields() -> None:
    recs = records("002_eda5f7c2b1485344.txt", "mirror-html")
    first = of(recs, "wiki_annotation")[0]
    assert (first.publication, first.title) == ("arXiv", "Risks from Learned Optimization")
    assert first.note and first.note.startswith("Foundational paper introducing mesa-optimization")
    assert first.tags == ["alignment", "safety", "mesa-optimization", "risk-interactions"]
    assert first.hidden_tag_count == 1 and first.url == "https://arxiv.org/abs/1906.01820"
    assert first.resource_id == "c4858d4ef280d8e6" and first.credibility_label == "Good"
    langosco = [a for a in of(recs, "wiki_annotation") if a.title == "Langosco et al. (2022)"]
    assert {a.resource_id for a in langosco} == {"026e5e85c1abc28a", "3d232e4f0b3ce698"}
    refs = of(recs, "wiki_reference")
    assert [r.number for r in refs] == list(range(1, 25)) and all(r.resource_id and r.url for r in refs)


def test_references_parsed_once_are_not_shared_between_records() -> None:
    """Reference strings are parsed once per process (memoised): a record's lists are its own all the same."""
    from spiders.pages.pith_refs import _COMPILED, _parsed
    from spiders.records import Reference

    body = (MIRROR / "pith.science/paper/1906.01820.html").read_bytes()

    def references() -> list[Reference]:
        records = parse_page("https://pith.science/paper/1906.01820", body, "text/html")
        return [r for r in records if isinstance(r, Reference)]

    hits = _parsed.cache_info().hits
    first = references()
    held = _COMPILED.memo_sizes()["parsed_references"] if _COMPILED is not None else 0
    again = references()
    if _COMPILED is not None:  # the compiled list keeps its own memo: the second page added nothing to it
        assert _COMPILED.memo_sizes()["parsed_references"] == held >= len(again) > 30
    else:
        assert _parsed.cache_info().hits - hits >= len(again) > 30
    with_authors = next(i for i, r in enumerate(first) if r.authors)
    first[with_authors].authors.append("Someone Else")
    first[with_authors].notes.append("edited")
    assert "Someone Else" not in again[with_authors].authors and "edited" not in again[with_authors].notes
