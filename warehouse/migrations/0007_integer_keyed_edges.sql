-- 0007: citation_edges (one row per citing -> cited pair: 35M at 1M papers) is stored integer-keyed, as the
-- mention-level tables are since 0005, and read through a view with the same name and columns. Writing 35M
-- pairs of paper-id strings (and a list of source names per edge) was a tenth of a 1M resolve, and the checks
-- then grouped and joined those strings again. Left joins to the labels: an edge whose paper is missing shows,
-- with a null id, for the checks to find. requires: resolve (open_warehouse rebuilds it from raw).

drop table citation_edges;

create table edge_pairs (
    citing       BIGINT,   -- cluster label (resolved_labels); negative: a wiki page
    cited        BIGINT,
    sources      UTINYINT, -- bit per edge_source_names code
    n_assertions INTEGER,
    ref_index    INTEGER,  -- position in the citing paper's reference list, when known
    first_run    INTEGER,  -- resolved_runs
    last_run     INTEGER
);

-- Every set of sources an edge can have, as the list of names (code order).
create table edge_source_sets (mask UTINYINT PRIMARY KEY, names VARCHAR[]);
insert into edge_source_sets
select t.mask, coalesce((select list(s.source order by s.code) from edge_source_names s
                         where (t.mask >> s.code) & 1 = 1), [])
from range(0, 128) t(mask);

create view citation_edges as
select ci.paper_id as citing_id, case when e.citing < 0 then 'wiki_page' else 'paper' end as citing_kind,
       cd.paper_id as cited_id, s.names as sources, e.n_assertions, e.ref_index, null::varchar as role,
       null::varchar as polarity, fr.run_id as first_run, lr.run_id as last_run
from edge_pairs e
left join resolved_labels ci on ci.label = e.citing
left join resolved_labels cd on cd.label = e.cited
join edge_source_sets s on s.mask = e.sources
left join resolved_runs fr on fr.run_no = e.first_run
left join resolved_runs lr on lr.run_no = e.last_run;
