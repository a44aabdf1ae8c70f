-- Every edge ends at a known paper (and starts at one, or at a known wiki page).
select e.* from citation_edges e
where e.cited_id not in (select paper_id from papers)
   or (e.citing_kind = 'paper' and e.citing_id not in (select paper_id from papers))
   or (e.citing_kind = 'wiki_page' and substr(e.citing_id, 3) not in (select entity_id from wiki_pages))
