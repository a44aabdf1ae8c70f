"""Identity resolution and the curated model, rebuilt from the raw tables in SQL (``transforms/*.sql``).

Steps: mentions -> identifiers -> components over shared hard identifiers (label propagation) -> split
components that would join two arXiv ids or DOIs -> merge clusters on unambiguous exact titles -> attach
soft clusters on near-identical titles -> anchors -> papers, identifiers, merge explanations, edges, pages.
Runs inside the caller's transaction: a failure leaves the previous curated state untouched.

Scale: at 1M papers there are 50M mentions but ~3M distinct identifiers, and nearly every mention carries one
identifier. So components, conflicts, anchors and identifier counts are computed over identifiers and clusters,
a mention is placed by its one identifier through a lookup the size of the identifier list, and the few mentions
with several identifiers (or in split components) are handled one by one: a mention row carries its first
identifier, not the identifier values (those of the few tying mentions are in tying_values), and cluster values
are aggregated per identifier before per cluster. Mention-sized tables (mentions, mention_paper) are dropped after
their last reader; no step joins two of them. What a merge matched on is stored as a number.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.components import components, propagate

TRANSFORMS = Path(__file__).parent / "transforms"


@dataclass
class ResolveReport:
    """What a resolve built."""

    mentions: int
    papers: int
    edges: int
    conflicts: int
    title_merges: int
    fuzzy_merges: int
    rounds: int
    seconds: float
    phases: dict[str, float]


def _sql(con: duckdb.DuckDBPyConnection, name: str, phases: dict[str, float] | None = None) -> None:
    started = time.perf_counter()
    con.execute((TRANSFORMS / name).read_text(encoding="utf-8"))
    if phases is not None:
        phases[name.removesuffix(".sql")] = round(time.perf_counter() - started, 3)


class _Timer:
    def __init__(self, phases: dict[str, float], name: str) -> None:
        self.phases, self.name = phases, name

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.phases[self.name] = round(time.perf_counter() - self.started, 3)


def _drop(con: duckdb.DuckDBPyConnection, *tables: str) -> None:
    """Free temp tables whose last reader has run (at 1M papers each mention-level one is gigabytes)."""
    for table in tables:
        con.execute(f"drop table if exists {table}")


def _count(con: duckdb.DuckDBPyConnection, query: str) -> int:
    row = con.execute(query).fetchone()
    return int(row[0]) if row else 0


def resolve(con: duckdb.DuckDBPyConnection) -> ResolveReport:
    """Rebuild the curated tables from the raw ones."""
    started = time.perf_counter()
    phases: dict[str, float] = {}
    con.execute("create or replace temp table resolve_conflicts (component VARCHAR, reason VARCHAR, detail VARCHAR)")
    for name in ("10_macros.sql", "20_mentions.sql", "30_identifiers.sql", "35_ident_components.sql"):
        _sql(con, name, phases)
    with _Timer(phases, "components"):
        rounds = propagate(con, "select iid as node from idents", "ident_ties", "ident_cc")
    _sql(con, "40_conflicts.sql", phases)
    _sql(con, "50_title_clusters.sql", phases)
    with _Timer(phases, "title_components"):
        # cluster_ids has one row per identifier cluster: its labels are the nodes (no scan of the mentions)
        rounds += components(con, "select label as node from cluster_ids", "select * from title_links", "title_cc")
        _apply_title_merges(con)
    _sql(con, "55_title_fuzzy.sql", phases)
    _drop(con, "title_groups", "title_clusters_now", "fuzzy_candidates")
    title_merges = _count(con, "select count(*) from title_cc where node <> label")
    fuzzy_merges = _count(con, "select count(*) from fuzzy_links")
    _apply_fuzzy(con)
    _sql(con, "58_anchors.sql", phases)
    with _Timer(phases, "mention_paper"):
        _mention_paper(con)
    _drop(
        con,
        "ident_ties",
        "ident_cc",
        "ident_comp",
        "tying_label",
        "ident_info",
        "ident_final",
        "title_cc",
        "title_links",
        "title_link_min",
        "shared_exc",
        "fuzzy_links",
        "cluster_rule",
        "title_conflicts",
        "akeys",
    )
    _sql(con, "60_papers.sql", phases)
    _drop(
        con,
        "run_order",
        "ambiguous_ids",
        "tying_ids",
        "tying_values",
        "tying_hits",
        "cluster_idents",
        "cluster_ids",
        "ident_stats",
        "cluster_titles",
        "cluster_map",
        "ident_label",
        "split_labels",
        "conflict_components",
        "anchor_twins",
        "paper_best",
        "paper_sources",
        "paper_year_votes",
        "paper_meta",
        "mention_text",
        "tkeys",
        "idents",
        "ident_counts",
        "title_matches",
    )
    _sql(con, "70_edges.sql", phases)
    _drop(con, "hub_owner", "wiki_citer")
    for name in ("80_pages.sql", "85_crawl_tables.sql"):
        _sql(con, name, phases)
    mentions = _count(con, "select count(*) from mention_paper")
    con.execute("drop view if exists mentions")
    _drop(con, "mention_paper", "cluster_anchor", "page_owner", "pages")
    _sql(con, "90_edge_pairs.sql", phases)
    con.execute("delete from resolve_pending")
    con.execute("delete from identity_conflicts")
    con.execute("insert into identity_conflicts select * from resolve_conflicts")
    report = ResolveReport(
        mentions=mentions,
        papers=_count(con, "select count(*) from papers"),
        edges=_count(con, "select count(*) from edge_pairs"),
        conflicts=_count(con, "select count(*) from identity_conflicts"),
        title_merges=title_merges,
        fuzzy_merges=fuzzy_merges,
        rounds=rounds,
        seconds=time.perf_counter() - started,
        phases=phases,
    )
    con.execute(
        "insert into resolve_log (runs, mentions, papers, edges, seconds) select count(*), ?, ?, ?, ? from crawl_runs",
        [report.mentions, report.papers, report.edges, report.seconds],
    )
    return report


def refresh_crawl_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Only the fetch and error tables: for loads whose runs brought no content (nothing to re-resolve)."""
    _sql(con, "85_crawl_tables.sql")


def _apply_title_merges(con: duckdb.DuckDBPyConnection) -> None:
    """``cluster_map``: each identifier cluster's label after title merges, except in components where a chain of
    titles met two arXiv ids or DOIs. Cluster-level: a mention's final label is a function of its identifier
    cluster's, so only the clusters a title merge touched are looked at mention by mention."""
    con.execute("""create or replace temp table title_conflicts as
        with merged as (select node, label from title_cc
                        where label in (select label from title_cc where node <> label))
        select g.label from merged g join cluster_idents i on i.id_label = g.node and i.ikind in ('arxiv', 'doi')
        group by g.label, i.ikind having count(distinct i.ident) > 1""")
    con.execute("""insert into resolve_conflicts
        select 'component ' || label, 'title chain met two hard ids', 'reverted' from title_conflicts""")
    con.execute("""create or replace temp table cluster_map as
        select node as id_label,
               case when label in (select label from title_conflicts) then node else label end as label
        from title_cc""")
    con.execute("""create or replace temp table title_clusters_now as
        with per_cluster as (
            select m.label, bool_or(ci.hard) as hard, min(ci.ymin) as ymin, max(ci.akid) as akid
            from cluster_map m join cluster_ids ci on ci.label = m.id_label group by m.label)
        select k.label, tk.tkey, p.hard, p.ymin, ak.akey
        from (select distinct m.label, t.tkid from cluster_map m join cluster_titles t on t.label = m.id_label) k
        join per_cluster p using (label)
        join tkeys tk using (tkid)
        left join akeys ak using (akid)""")


def _apply_fuzzy(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""create or replace temp table cluster_map as
        select c.id_label, coalesce(f.dst, c.label) as label
        from cluster_map c left join fuzzy_links f on f.src = c.label""")


def _mention_paper(con: duckdb.DuckDBPyConnection) -> None:
    """Final label per mention, with what the merge explanation needs."""
    # The identifier a mention shares with another mention of its cluster. Outside split components every carrier
    # of an identifier is in one cluster, so that is an identifier carried more than once; mentions with several
    # identifiers and those of split components (few) are looked at one by one.
    # Per identifier: its cluster label, how many mentions carry it, the papers it is the anchor of. A mention's
    # first identifier is looked up here once (the string join), instead of in three joins of every mention.
    # What a merge matched on is stored as a number (resolved_matches): an identifier's iid (identifier order, so
    # min picks the same one), a title match's negative number.
    con.execute("""create or replace temp table ident_info as
        select n.ident, d.iid, l.label, n.n, a.anchor_of
        from (select ident, sum(n)::bigint as n from ident_counts group by ident) n
        join idents d using (ident)
        left join ident_label l using (ident)
        left join (select anchor as ident, list(label) as anchor_of from cluster_anchor group by anchor) a
            using (ident)""")
    con.execute("""create or replace temp table shared_exc as
        with split_rows as (select i.mid, i.ident, s.label from mention_ids i join split_labels s using (mid)),
             split_multi as (select label, ident from split_rows group by label, ident having count(*) > 1)
        select r.mid, min(case when sm.ident is not null then r.ident end) as shared_ident
        from split_rows r left join split_multi sm using (label, ident) group by r.mid
        union all
        select t.mid, min(case when n.n > 1 then t.ident end)
        from tying_ids t join ident_info n using (ident) anti join split_labels s using (mid)
        group by t.mid""")
    con.execute("""create or replace temp table shared_exc as
        select x.mid, d.iid as shared_no from shared_exc x left join idents d on d.ident = x.shared_ident""")
    con.execute("""create or replace temp table title_link_min as
        select node, min(ident) as ident from title_links group by node""")
    con.execute("""create or replace temp table cluster_rule as
        select m.id_label, m.label,
               case when f.src is not null then 3
                    when t.label <> t.node and m.label <> m.id_label then 2 end as title_rule,
               case when f.src is not null then 'title:' || f.src_key || ' ~ ' || f.dst_key
                    when t.label <> t.node and m.label <> m.id_label then tl.ident end as title_match,
               f.score as title_score
        from cluster_map m
        left join title_cc t on t.node = m.id_label
        left join fuzzy_links f on f.src = m.id_label
        left join title_link_min tl on tl.node = m.id_label""")
    con.execute("""create or replace temp table title_matches as
        select -row_number() over (order by title_match) as match_no, title_match
        from (select distinct title_match from cluster_rule where title_match is not null)""")
    con.execute("""create or replace temp table cluster_rule as
        select r.* exclude (title_match), t.match_no as title_match_no
        from cluster_rule r left join title_matches t using (title_match)""")
    # Per identifier, with its cluster's rule: a mention that ties nothing and is not in a split component is in its
    # first identifier's cluster, so its label and rule are read off that identifier in the one string join; only
    # the others (tying, split, without an identifier: few) look their cluster up. At 1M papers, joining all 50M
    # mentions to the cluster rules as well was ~7 s.
    con.execute("""create or replace temp table ident_final as
        select i.ident, i.n, i.iid, i.anchor_of, r.label, r.title_rule, r.title_match_no, r.title_score
        from ident_info i left join cluster_rule r on r.id_label = i.label""")
    # Why each mention is in its paper, as a merge_rules code: 0 anchor (it carries the paper's anchor: its one
    # identifier is it, or it is among a several-identifier mention's), 2 title_exact, 3 title_fuzzy, 1 strong_id
    # (an identifier it shares with another mention), 4 own.
    con.execute("""create or replace temp table mention_paper as
        select * exclude (title_rule, title_match_no, title_score, shared_no, anchor, first_ident, tkid, akid),
               tkid is not null as has_tkey,
               coalesce(case when anchor then 0 end, title_rule, case when shared_no is not null then 1 end, 4)
                   ::utinyint as rule,
               case when not anchor then coalesce(title_match_no, shared_no) end as match_no,
               coalesce(title_score, 1.0) as score
        from (select m.* exclude (tying, own, other_label, first_n, first_no, anchor_of, f_label, f_title_rule,
                                  f_title_match_no, f_title_score),
                     case when m.own then m.f_label else r.label end as label,
                     case when m.own then m.f_title_rule else r.title_rule end as title_rule,
                     case when m.own then m.f_title_match_no else r.title_match_no end as title_match_no,
                     case when m.own then m.f_title_score else r.title_score end as title_score,
                     case when x.mid is not null then x.shared_no when m.first_n > 1 then m.first_no end
                         as shared_no,
                     coalesce(list_contains(m.anchor_of, case when m.own then m.f_label else r.label end), false)
                         or h.mid is not null as anchor
              from (select m.*, t.label is null and s.label is null and f.ident is not null as own,
                           coalesce(s.label, t.label, m.mid) as other_label,  -- the cluster as in mention_labels
                           f.n as first_n, f.iid as first_no, f.anchor_of, f.label as f_label,
                           f.title_rule as f_title_rule, f.title_match_no as f_title_match_no,
                           f.title_score as f_title_score
                    from mentions m
                    left join tying_label t using (mid)
                    left join split_labels s using (mid)
                    left join ident_final f on f.ident = m.first_ident) m
              left join cluster_rule r on r.id_label = case when not m.own then m.other_label end
              left join tying_hits h on h.mid = m.mid
              left join shared_exc x on x.mid = m.mid)""")
    # From here on a mention's row carries its paper's label (identifier values are read per cluster: cluster_ids):
    # the wide mention table is not needed twice.
    con.execute("drop view mention_labels")
    con.execute("drop view mention_components")
    con.execute("drop view mention_ids")
    con.execute("drop view unsplit_ident_label")
    con.execute("drop table mentions")
    con.execute(
        "create or replace temp view mentions as select * exclude (label, rule, match_no, score) from mention_paper"
    )
