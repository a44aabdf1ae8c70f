-- Keys stay unique: one row per paper, mention, hub, wiki annotation and References entry.
-- (String keys are grouped on a hash first; only the candidates are grouped on the strings.)
select 'papers' as tbl, paper_id as key from papers
where hash(paper_id) in (select hash(paper_id) from papers group by 1 having count(*) > 1)
group by paper_id having count(*) > 1
union all select distinct 'identity_merges', mid::varchar  -- sorted neighbours: tens of millions of integer keys
from (select mid, lead(mid) over (order by mid) as next_mid from mention_resolution) where mid = next_mid
union all select 'hubs', hub_uuid from hubs group by hub_uuid having count(*) > 1
union all select 'resolved_labels', label::varchar from resolved_labels group by label having count(*) > 1  -- one id per label
union all select 'wiki_annotations', entity_id || '#' || position from wiki_annotations group by all having count(*) > 1
union all select 'wiki_references', entity_id || '#' || number from wiki_references group by all having count(*) > 1
union all select 'paper_identifiers', paper_id || ' ' || id_kind || ':' || id_value from paper_identifiers
where hash(paper_id, id_kind, id_value) in
      (select hash(paper_id, id_kind, id_value) from paper_identifiers group by 1 having count(*) > 1)
group by paper_id, id_kind, id_value having count(*) > 1
