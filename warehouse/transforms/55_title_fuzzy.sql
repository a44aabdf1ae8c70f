-- Near-identical titles (extraction damage, punctuation, a dropped word) for clusters with no hard id:
-- blocked on the first or last 10 key characters and similar length, Jaro-Winkler >= 0.95, best match unique,
-- years and first authors compatible. Only soft clusters move; two hard clusters never merge on a near title.
create or replace temp table fuzzy_candidates as
-- Two blocking keys, so damage near either end of a title still finds its block; and first authors must agree
-- where both are known, so they are part of the join key. On 10 title characters alone, blocks grow with the
-- data (shared prefixes and suffixes: 12.5M pairs at 100k papers, 100 times those at 10k) and the join that
-- enumerated them to filter afterwards was quadratic. A soft cluster's known author meets the same author or an
-- unknown one; its unknown author meets any: each pair once, the same pairs as the filter kept.
with keyed as (
    select label, tkey, hard, ymin, unnest(['h' || left(tkey, 10), 't' || right(tkey, 10)]) as block,
           case when hard then [coalesce(akey, chr(0) || 'unknown'), chr(0) || 'any']
                when akey is null then [chr(0) || 'any']
                else [akey, chr(0) || 'unknown'] end as authors
    from title_clusters_now
),
sides as (select label, tkey, hard, ymin, block, unnest(authors) as author from keyed),
blocked as (
    select distinct s.label as src, h.label as dst, s.tkey as src_key, h.tkey as dst_key, s.ymin as sy, h.ymin as hy
    from sides s join sides h on s.block = h.block and s.author = h.author
    where not s.hard and h.hard and s.tkey <> h.tkey
)
select src, dst, src_key, dst_key, jaro_winkler_similarity(src_key, dst_key) as score
from blocked
where abs(length(src_key) - length(dst_key)) <= 0.15 * greatest(length(src_key), length(dst_key))
  and (sy is null or hy is null or abs(sy - hy) <= 2);

create or replace temp table fuzzy_links as
select src, dst, src_key, dst_key, score from (
    select *, count(*) over (partition by src) as n_best
    from fuzzy_candidates
    where score >= 0.95
    qualify score = max(score) over (partition by src)
) where n_best = 1;
