-- Hubs (latest fetch), their history, reference lists, wiki tables, fetches and errors.
delete from hubs;
insert into hubs
select h.hub_uuid, p.paper_id, h.title, h.tier, h.badge, h.badge_sentence, h.dominant_role, h.dominant_role_pct,
       h.role_summary, h.polarity_summary, h.claims, h.representative_count, h.explorer_count, h.fetched_at, h._run_id
from raw_pith_hub h left join paper_of p on p.mkey = 'hub:' || h.hub_uuid
where h.hub_uuid is not null
qualify row_number() over (partition by h.hub_uuid order by h.fetched_at desc) = 1;

delete from hub_snapshots;
insert into hub_snapshots
select hub_uuid, _run_id, max(fetched_at), any_value(tier), any_value(badge), any_value(dominant_role),
       any_value(dominant_role_pct), max(representative_count), max(explorer_count)
from raw_pith_hub where hub_uuid is not null group by hub_uuid, _run_id;

delete from paper_references;
insert into paper_references
select c.paper_id, m.citing_arxiv, m.index, m.merged_indices, m.raw, m.title, m.resolved_title, m.authors, m.venue,
       m.year, m.arxiv_id, m.doi, m.url, m.cited_hub, r.paper_id,
       case im.rule when 'anchor' then 'strong_id' else im.rule end, m.notes, m.canonical_url, m._run_id
from raw_reference m
join paper_of r on r.mkey = m.canonical_url || '#ref' || m.index
join identity_merges im on im.mention_key = m.canonical_url || '#ref' || m.index
left join paper_of c on c.mkey = m.canonical_url || case when contains(m.canonical_url, '/pith/') then '#pithnumber' else '#paper' end
qualify row_number() over (partition by m.canonical_url, m.index order by m.fetched_at desc) = 1;

delete from wiki_pages;
insert into wiki_pages
select p.entity_id, p.title, p.wiki_url, p.description, p.annotation_count, p.reference_count, d.data, p.fetched_at, p._run_id
from raw_wiki_page p
left join (select entity_id, arg_max(data, fetched_at) as data from raw_wiki_page_data group by entity_id) d using (entity_id)
where p.entity_id is not null
qualify row_number() over (partition by p.entity_id order by p.fetched_at desc) = 1;

delete from wiki_annotations;
insert into wiki_annotations
select a.entity_id, a.position, a.link_text, a.url, a.resource_type, a.stars, a.credibility_label, a.publication,
       a.peer_reviewed, a.title, a.note, a.citation_count, a.authors, a.et_al, a.year, a.summary, a.summary_truncated,
       a.tags, a.hidden_tag_count, a.ref_number, a.resource_id, p.paper_id, a._run_id
from raw_wiki_annotation a left join paper_of p on p.mkey = a.canonical_url || '#ann' || a.position
where a.entity_id is not null
qualify row_number() over (partition by a.entity_id, a.position order by a.fetched_at desc) = 1;

delete from wiki_references;
insert into wiki_references
select r.entity_id, r.number, r.resource_id, r.title, r.publication, r.author, r.year, r.resource_type, r.summary,
       r.stars, r.url, p.paper_id, r._run_id
from raw_wiki_reference r left join paper_of p on p.mkey = r.canonical_url || '#wref' || r.number
where r.entity_id is not null
qualify row_number() over (partition by r.entity_id, r.number order by r.fetched_at desc) = 1;

