-- Keys stay unique: one row per paper, mention, hub, wiki annotation and References entry.
select 'papers' as tbl, paper_id as key from papers group by paper_id having count(*) > 1
union all select 'identity_merges', mid::varchar from mention_resolution group by mid having count(*) > 1
union all select 'hubs', hub_uuid from hubs group by hub_uuid having count(*) > 1
union all select 'wiki_annotations', entity_id || '#' || position from wiki_annotations group by all having count(*) > 1
union all select 'wiki_references', entity_id || '#' || number from wiki_references group by all having count(*) > 1
union all select 'paper_identifiers', paper_id || ' ' || id_kind || ':' || id_value from paper_identifiers group by all having count(*) > 1
