-- Near-identical titles (extraction damage, punctuation, a dropped word) for clusters with no hard id:
-- blocked on the first or last 10 key characters and similar length, Jaro-Winkler >= 0.95, best match unique,
-- years and first authors compatible. Only soft clusters move; two hard clusters never merge on a near title.
create or replace temp table fuzzy_candidates as
with blocked as (  -- two blocking keys, so damage near either end of a title still finds its block
    select s.label as src, h.label as dst, s.tkey as src_key, h.tkey as dst_key, s.ymin as sy, h.ymin as hy,
           s.akey as sa, h.akey as ha
    from title_clusters_now s join title_clusters_now h on left(s.tkey, 10) = left(h.tkey, 10)
    where not s.hard and h.hard and s.tkey <> h.tkey
    union
    select s.label, h.label, s.tkey, h.tkey, s.ymin, h.ymin, s.akey, h.akey
    from title_clusters_now s join title_clusters_now h on right(s.tkey, 10) = right(h.tkey, 10)
    where not s.hard and h.hard and s.tkey <> h.tkey
)
select src, dst, src_key, dst_key, jaro_winkler_similarity(src_key, dst_key) as score
from blocked
where abs(length(src_key) - length(dst_key)) <= 0.15 * greatest(length(src_key), length(dst_key))
  and (sy is null or hy is null or abs(sy - hy) <= 2)
  and (sa is null or ha is null or sa = ha);

create or replace temp table fuzzy_links as
select src, dst, src_key, dst_key, score from (
    select *, count(*) over (partition by src) as n_best
    from fuzzy_candidates
    where score >= 0.95
    qualify score = max(score) over (partition by src)
) where n_best = 1;
