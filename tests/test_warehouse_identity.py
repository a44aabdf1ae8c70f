"""One paper per work, on a real crawl of the mirror."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.api import load


@pytest.fixture(scope="module")
def warehouse(mirror_landing: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    db = tmp_path_factory.mktemp("wh") / "citegraph.duckdb"
    report = load(db, [mirror_landing["pith"], mirror_landing["wiki"]])
    assert not report.failed_checks, [(c.name, c.sample) for c in report.failed_checks]
    return duckdb.connect(str(db), read_only=True)


def _one(con: duckdb.DuckDBPyConnection, sql: str, *args: object) -> list[tuple[object, ...]]:
    return con.execute(sql, list(args)).fetchall()


def test_risks_is_one_paper_across_pages_and_sites(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = _one(warehouse, "select paper_id from paper_identifiers where id_kind = 'arxiv' and id_value = '1906.01820'")
    assert len(rows) == 1
    pid = rows[0][0]
    kinds = dict(
        _one(warehouse, "select mention_kind, count(*) from identity_merges where paper_id = ? group by 1", pid)
    )
    assert kinds == {"pith_paper": 1, "hub_explorer": 3, "wiki_annotation": 2, "wiki_reference": 1}
    titles = {
        t
        for (t,) in _one(
            warehouse,
            """select distinct coalesce(w.title, p.title) from papers p
              left join wiki_annotations w on w.paper_id = p.paper_id where p.paper_id = ?""",
            pid,
        )
    }
    assert "Risks from Learned Optimization" in titles  # the wiki's title for it; the paper row has the full one
    assert _one(warehouse, "select title from papers where paper_id = ?", pid)[0][0].endswith(
        "Machine Learning Systems"
    )
    assert (
        _one(warehouse, "select count(*) from papers where title ilike 'Risks from Learned Optimization%'")[0][0] == 1
    )


@pytest.mark.parametrize(
    ("arxiv", "title"),
    [
        ("1606.06565", "Concrete Problems in AI Safety"),
        ("1805.00899", "AI safety via debate"),
        ("1803.04585", "Categorizing Variants of Goodhart's Law"),
    ],
)
def test_hub_works_join_their_hub_and_reference(warehouse: duckdb.DuckDBPyConnection, arxiv: str, title: str) -> None:
    (row,) = _one(warehouse, "select paper_id, title, hub_uuid from papers where arxiv_id = ?", arxiv)
    pid, got_title, hub = row
    assert got_title == title and hub
    assert _one(warehouse, "select paper_id from hubs where hub_uuid = ?", hub) == [(pid,)]
    refs = _one(warehouse, "select cited_id from paper_references where arxiv_id = ?", arxiv)
    assert refs == [(pid,)]
    assert _one(warehouse, "select count(*) from papers where title = ?", title) == [(1,)]


def test_two_langosco_labels_are_two_papers(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = _one(
        warehouse,
        """select distinct resource_id, paper_id from wiki_annotations
                               where title = 'Langosco et al. (2022)'""",
    )
    assert len(rows) == 2 and len({p for _, p in rows}) == 2
    arxiv = {
        a
        for (a,) in _one(
            warehouse,
            "select arxiv_id from papers where paper_id in (select paper_id from "
            "wiki_annotations where title = 'Langosco et al. (2022)')",
        )
    }
    assert arxiv == {"2105.14111", "2210.01790"}
    assert not _one(warehouse, "select * from paper_identifiers where id_value = 'langoscoetal2022'")


def test_a_works_type_is_its_best_sources(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Pith knows papers; a work only the wiki cites takes the wiki's resource type
    types = dict(
        _one(
            warehouse,
            """select r.url, any_value(p.work_type) from wiki_references r join papers p using (paper_id)
               where r.url in ('https://arxiv.org/abs/1906.01820', 'https://www.governance.ai/', 'https://openai.com/',
                               'https://www.alignmentforum.org/')
               group by r.url""",
        )
    )
    assert types == {
        "https://arxiv.org/abs/1906.01820": "paper",
        "https://www.governance.ai/": "government",
        "https://openai.com/": "web",
        "https://www.alignmentforum.org/": "blog",
    }


def test_every_merge_is_explained(warehouse: duckdb.DuckDBPyConnection) -> None:
    unexplained = _one(
        warehouse,
        """select count(*) from identity_merges
                                      where rule not in ('own') and matched_on is null""",
    )
    assert unexplained == [(0,)]
    assert (
        _one(warehouse, "select count(*) from identity_merges")[0][0]
        == _one(warehouse, "select sum(n_mentions) from papers")[0][0]
    )


def test_a_merge_names_what_it_matched_on(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Stored as numbers (resolved_matches: identifiers positive, title matches negative), read back as strings.
    rows = _one(
        warehouse,
        """select m.rule, m.matched_on,
                  exists(select 1 from paper_identifiers i where i.paper_id = m.paper_id
                         and i.id_value = substr(m.matched_on, strpos(m.matched_on, ':') + 1)) as of_paper
           from identity_merges m where m.rule in ('strong_id', 'title_exact', 'title_fuzzy')""",
    )
    kinds = {"title_exact": 0, "strong_id": 0}
    for rule, matched_on, of_paper in rows:
        prefix = matched_on.split(":", 1)[0]
        if rule == "strong_id":
            assert prefix in ("arxiv", "doi", "pith", "pith_number", "hub", "res", "url", "sum"), matched_on
            assert of_paper or prefix == "sum", matched_on  # summaries are not listed as identifiers
        else:
            assert prefix == "title" and of_paper == (rule == "title_exact"), (rule, matched_on)
        kinds[rule] = kinds.get(rule, 0) + 1
    assert kinds["title_exact"] > 0 and kinds["strong_id"] > 0


def test_edges_carry_their_sources(warehouse: duckdb.DuckDBPyConnection) -> None:
    sources = {s for (s,) in _one(warehouse, "select distinct unnest(sources) from citation_edges")}
    assert sources == {
        "reference_list",
        "forward_citation",
        "hub_explorer",
        "hub_representative",
        "wiki_annotation",
        "wiki_reference",
    }
    risks_refs = _one(
        warehouse,
        """select count(*) from citation_edges e join papers p on p.paper_id = e.citing_id
                                    where p.arxiv_id = '1906.01820' and list_contains(e.sources, 'reference_list')""",
    )
    assert risks_refs == [(35,)]


def test_cocitation_and_coupling_views_count_the_string_edges(warehouse: duckdb.DuckDBPyConnection) -> None:
    """The views count on integer pairs; the same counts come from the edges as users see them."""
    cocitation = """select a.cited_id, b.cited_id, count(*), any_value(pa.title), any_value(pb.title)
        from citation_edges a join citation_edges b on a.citing_id = b.citing_id and a.cited_id < b.cited_id
        join papers pa on pa.paper_id = a.cited_id join papers pb on pb.paper_id = b.cited_id
        where a.citing_kind = 'paper' group by a.cited_id, b.cited_id"""
    coupling = """select a.citing_id, b.citing_id, count(*), any_value(pa.title), any_value(pb.title)
        from citation_edges a join citation_edges b on a.cited_id = b.cited_id and a.citing_id < b.citing_id
        join papers pa on pa.paper_id = a.citing_id join papers pb on pb.paper_id = b.citing_id
        where a.citing_kind = 'paper' and b.citing_kind = 'paper' group by a.citing_id, b.citing_id"""
    for view, expected in (("v_cocitation", cocitation), ("v_coupling", coupling)):
        got = _one(warehouse, f"select * from {view} order by all")
        assert got and got == _one(warehouse, f"{expected} order by all"), view
