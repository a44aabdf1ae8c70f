-- Near-identical titles (extraction damage, punctuation, a dropped word) for clusters with no hard id:
-- blocked on the first 10 key characters and similar length, Jaro-Winkler >= 0.95, best match unique,
-- years and first authors compatible. Only soft clusters move; two hard clusters never merge on a near title.
create or replace temp table fuzzy_candidates as
select s.label as src, h.label as dst, s.tkey as src_key, h.tkey as dst_key,
       jaro_winkler_similarity(s.tkey, h.tkey) as score
from title_clusters_now s
join title_clusters_now h
  on left(s.tkey, 10) = left(h.tkey, 10) and s.label <> h.label and s.tkey <> h.tkey
 and abs(length(s.tkey) - length(h.tkey)) <= 0.15 * greatest(length(s.tkey), length(h.tkey))
where not s.hard and h.hard
  and (s.ymin is null or h.ymin is null or abs(s.ymin - h.ymin) <= 2)
  and (s.akey is null or h.akey is null or s.akey = h.akey);

create or replace temp table fuzzy_links as
select src, dst, src_key, dst_key, score from (
    select *, count(*) over (partition by src) as n_best
    from fuzzy_candidates
    where score >= 0.95
    qualify score = max(score) over (partition by src)
) where n_best = 1;
