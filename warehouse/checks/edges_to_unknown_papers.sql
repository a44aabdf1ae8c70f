-- Every edge ends at a known paper (and starts at one, or at a known wiki page).
select e.* from citation_edges e
left join papers d on d.paper_id = e.cited_id
left join papers c on c.paper_id = e.citing_id
left join wiki_pages w on w.entity_id = substr(e.citing_id, 3)
where d.paper_id is null or (e.citing_kind = 'paper' and c.paper_id is null)
   or (e.citing_kind = 'wiki_page' and w.entity_id is null)
