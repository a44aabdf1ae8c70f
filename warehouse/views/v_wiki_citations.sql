-- Which wiki pages cite which works, with the card's credibility.
create or replace view v_wiki_citations as
select w.entity_id, wp.title as page_title, w.position, w.link_text, w.resource_type, w.stars, w.credibility_label,
       w.publication, w.title as card_title, w.resource_id, w.paper_id, p.title as paper_title, p.arxiv_id, w.url
from wiki_annotations w left join wiki_pages wp using (entity_id) left join papers p using (paper_id)
order by w.entity_id, w.position;
