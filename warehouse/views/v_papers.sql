-- Papers with every identifier seen for them.
create or replace view v_papers as
select p.paper_id, p.title, p.year, p.authors, p.arxiv_id, p.doi, p.work_type, p.n_mentions, p.n_sources,
       (select list(i.id_kind || ':' || i.id_value order by i.id_kind, i.id_value)
        from paper_identifiers i where i.paper_id = p.paper_id and i.id_kind not in ('title_key')) as identifiers,
       (select count(*) from citation_edges e where e.cited_id = p.paper_id) as cited_by,
       (select count(*) from citation_edges e where e.citing_id = p.paper_id) as cites
from papers p;
