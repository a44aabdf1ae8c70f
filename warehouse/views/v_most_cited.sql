-- Most-cited works in the warehouse (distinct citing papers and wiki pages), with their sources of evidence.
create or replace view v_most_cited as
select p.paper_id, p.title, p.year, p.arxiv_id,
       count(*) filter (where e.citing_kind = 'paper') as citing_papers,
       count(*) filter (where e.citing_kind = 'wiki_page') as citing_wiki_pages,
       list_sort(list_distinct(flatten(list(e.sources)))) as evidence
from citation_edges e join papers p on p.paper_id = e.cited_id
group by p.paper_id, p.title, p.year, p.arxiv_id
order by citing_papers desc, citing_wiki_pages desc, p.title;
