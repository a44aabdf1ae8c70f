-- Hubs (latest fetch), their history, reference lists, wiki tables, fetches and errors.
delete from hubs;
insert into hubs
select h.hub_uuid, p.paper_id, h.title, h.tier, h.badge, h.badge_sentence, h.dominant_role, h.dominant_role_pct,
       h.role_summary, h.polarity_summary, h.claims, h.representative_count, h.explorer_count, h.fetched_at, h._run_id
from raw_pith_hub h
left join pages k on k.key = 'hub:' || h.hub_uuid
left join mention_paper mp on mp.mid = (k.page_no << 24) | (3 << 20)
left join cluster_anchor p on p.label = mp.label
where h.hub_uuid is not null
qualify row_number() over (partition by h.hub_uuid order by h.fetched_at desc) = 1;

delete from hub_snapshots;
insert into hub_snapshots
select hub_uuid, _run_id, max(fetched_at), any_value(tier), any_value(badge), any_value(dominant_role),
       any_value(dominant_role_pct), max(representative_count), max(explorer_count)
from raw_pith_hub where hub_uuid is not null group by hub_uuid, _run_id;

-- Each References entry (latest fetch) with its citing and cited clusters (read through the view paper_references).
delete from reference_resolution;
insert into reference_resolution
select m.page_no, mid_pos(m.mid), m.last_run, o.label, m.label, m.rule
from mention_paper m
left join page_owner o on o.page_no = mid_page(m.mid)
where m.kcode = 4;

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
from raw_wiki_annotation a
left join pages u on u.key = a.canonical_url
left join (select mid, label from mention_paper where kcode = 8) mp
    on mp.mid = (u.page_no << 24) | (8 << 20) | case when a.position between 0 and 1048575 then a.position end
left join cluster_anchor p on p.label = mp.label
where a.entity_id is not null
qualify row_number() over (partition by a.entity_id, a.position order by a.fetched_at desc) = 1;

delete from wiki_references;
insert into wiki_references
select r.entity_id, r.number, r.resource_id, r.title, r.publication, r.author, r.year, r.resource_type, r.summary,
       r.stars, r.url, p.paper_id, r._run_id
from raw_wiki_reference r
left join pages u on u.key = r.canonical_url
left join (select mid, label from mention_paper where kcode = 9) mp
    on mp.mid = (u.page_no << 24) | (9 << 20) | case when r.number between 0 and 1048575 then r.number end
left join cluster_anchor p on p.label = mp.label
where r.entity_id is not null
qualify row_number() over (partition by r.entity_id, r.number order by r.fetched_at desc) = 1;

