-- Synthetic landing records for warehouse-scale runs. Parameters arrive as the one-row table `params`
-- (papers, seed). Everything is derived from hash(seed, i, ...): the same parameters give the same files.
-- Works 0..papers-1 are arXiv papers; a further papers/10 are external works (half with a DOI, half with
-- nothing but a title); 0.1% of works share their title with another (decoys for precision).

create or replace macro h(a, b) as hash(getvariable('seed'), a, b);
create or replace macro u(a, b) as (h(a, b) % 1000000) / 1000000.0;
create or replace macro word(k) as getvariable('words')[1 + (k % len(getvariable('words')))::integer];
create or replace macro arxiv_of(i) as printf('%02d%02d.%05d', 10 + (i // 90000) // 12, 1 + (i // 90000) % 12,
                                              10000 + i % 90000);

create or replace table works as
select i as work,
       i < getvariable('papers') as on_arxiv,
       case when i < getvariable('papers') then arxiv_of(i) end as arxiv_id,
       case when i >= getvariable('papers') and i % 2 = 0 then printf('10.%d/synth.%d', 1000 + i % 900, i) end as doi,
       -- decoys: every 1000th work takes the title of the work before it
       concat_ws(' ', upper(left(word(h(t, 1)), 1)) || substr(word(h(t, 1)), 2), word(h(t, 2)), word(h(t, 3)),
                 word(h(t, 4)), word(h(t, 5)), word(h(t, 6))) as title,
       upper(left(word(h(i, 7)), 1)) || substr(word(h(i, 7)), 2) || ' ' || upper(left(word(h(i, 8)), 1)) || substr(word(h(i, 9)), 2) || 'son' as author1,
       upper(left(word(h(i, 10)), 1)) || substr(word(h(i, 10)), 2) || ' ' || upper(left(word(h(i, 11)), 1)) || 'er' as author2,
       2010 + (i // 90000) // 12 as year,
       'Work ' || i || ' shows that ' || word(h(i, 12)) || ' ' || word(h(i, 13)) || ' improves ' || word(h(i, 14)) || '.' as summary
from (select range as i, case when range % 1000 = 999 then range - 1 else range end as t
      from range(getvariable('papers') + getvariable('papers') // 10));

-- About 35 references per paper, cited works drawn heavy-tailed (a few works get thousands).
create or replace table refs as
select p.work as citing, k as idx,
       least(floor(getvariable('nworks') * pow(u(p.work, 100 + k), 2.6))::bigint, getvariable('nworks') - 1) as cited,
       u(p.work, 200 + k) as r_id, u(p.work, 300 + k) as r_noise
from works p, range(1, 1 + 25 + (h(p.work, 99) % 21)::integer) t(k)
where p.on_arxiv;

create or replace table cite_counts as select cited as work, count(*) as n from refs group by 1;
create or replace table hub_works as
select c.work, 'f' || substr(md5('hub' || c.work), 2, 7) || '-' || substr(md5('hub' || c.work), 9, 4) || '-4'
       || substr(md5('hub' || c.work), 14, 3) || '-a' || substr(md5('hub' || c.work), 18, 3) || '-'
       || substr(md5('hub' || c.work), 21, 12) as hub_uuid, c.n
from cite_counts c where c.n >= 60
order by c.n desc, c.work  -- (ties broken by work: without it the 1M landing differed run to run)
limit greatest(getvariable('papers') // 100, 3);

-- The records, as the parsers would land them.
create or replace view rec_pith_paper as
select 'pith_paper' as kind, 'https://pith.science/paper/' || arxiv_id as source_url,
       'https://pith.science/paper/' || arxiv_id as canonical_url, getvariable('run_id') as run_id,
       '2026-11-23T00:00:00Z' as fetched_at, arxiv_id, 1 as arxiv_version, year || '-01-15' as submitted,
       ['cs.LG'] as categories, title, [author1, author2] as authors, summary as pith,
       (select n from cite_counts c where c.work = w.work) as cited_by_count
from works w where on_arxiv;

create or replace view rec_reference as
select 'reference' as kind, 'https://pith.science/paper/' || arxiv_of(r.citing) as source_url,
       'https://pith.science/paper/' || arxiv_of(r.citing) as canonical_url, getvariable('run_id') as run_id,
       '2026-11-23T00:00:00Z' as fetched_at, arxiv_of(r.citing) as citing_arxiv, r.idx as "index", [r.idx] as merged_indices,
       w.author1 || ' and ' || w.author2 || '. ' || t.title || '. ' || w.year || '.' as raw,
       t.title as title, t.title as parsed_title, [w.author1, w.author2] as authors, w.year as year,
       case when t.strong and w.on_arxiv then w.arxiv_id end as arxiv_id,
       case when t.strong and not w.on_arxiv then w.doi end as doi
from refs r join works w on w.work = r.cited,
lateral (select r.r_id < 0.9 and (w.on_arxiv or w.doi is not null) as strong,
                case when r.r_id < 0.9 and (w.on_arxiv or w.doi is not null) then w.title
                     when r.r_noise < 0.4 then w.title
                     when r.r_noise < 0.6 then lower(w.title)
                     when r.r_noise < 0.75 then regexp_replace(w.title, '^(\S+ \S+ \S{3})', '\1- ')
                     when r.r_noise < 0.9 then left(w.title, 5) || substr(w.title, 7, 1) || substr(w.title, 6, 1) || substr(w.title, 8)
                     else regexp_replace(w.title, 'o', '\\"o') end as title) t;

create or replace view rec_forward_citation as
select 'forward_citation' as kind, 'https://pith.science/paper/' || cw.arxiv_id as source_url,
       'https://pith.science/paper/' || cw.arxiv_id as canonical_url, getvariable('run_id') as run_id,
       '2026-11-23T00:00:00Z' as fetched_at, cw.arxiv_id as cited_arxiv, f.pos as position, src.title, src.summary
from (select cited, citing, row_number() over (partition by cited order by citing) as pos from (select distinct cited, citing from refs)) f
join works cw on cw.work = f.cited and cw.on_arxiv join works src on src.work = f.citing
where f.pos <= 20;

create or replace view rec_pith_hub as
select 'pith_hub' as kind, 'https://pith.science/citations/' || hw.hub_uuid as source_url,
       'https://pith.science/citations/' || hw.hub_uuid as canonical_url, getvariable('run_id') as run_id,
       '2026-11-23T00:00:00Z' as fetched_at, hw.hub_uuid,
       case when hash(hw.work) % 10 < 3 then lower(w.title) else w.title end as title,
       case when hw.n >= 1000 then 'super hub' else 'hub' end as tier, 'Canonical reference' as badge,
       'background' as dominant_role, 60.0 + hash(hw.work) % 35 as dominant_role_pct,
       least(hw.n, 20) as representative_count, least(hw.n, 50) as explorer_count
from hub_works hw join works w using (work);

create or replace view rec_hub_citation as
select 'hub_citation' as kind, 'https://pith.science/citations/' || hw.hub_uuid as source_url,
       'https://pith.science/citations/' || hw.hub_uuid as canonical_url, getvariable('run_id') as run_id,
       '2026-11-23T00:00:00Z' as fetched_at, hw.hub_uuid, s.section, s.pos as position,
       case when s.section = 'explorer' then src.title end as title, src.summary,
       case when s.section = 'explorer' and src.work % 2 = 0 then src.arxiv_id end as citing_arxiv
from hub_works hw
join (select cited, citing, row_number() over (partition by cited order by citing) as pos
      from (select distinct cited, citing from refs)) c on c.cited = hw.work
cross join (values ('explorer'), ('representative')) v(section)
cross join lateral (select v.section as section, c.pos as pos) s
join works src on src.work = c.citing
where (s.section = 'explorer' and c.pos <= 50) or (s.section = 'representative' and c.pos <= 20);

create or replace view rec_wiki_annotation as
select 'wiki_annotation' as kind, 'https://www.longtermwiki.com/wiki/E' || (1000 + a.article) as source_url,
       'https://www.longtermwiki.com/wiki/E' || (1000 + a.article) as canonical_url, getvariable('run_id') as run_id,
       '2026-11-23T00:00:00Z' as fetched_at, 'E' || (1000 + a.article) as entity_id, a.pos as position,
       case when w.on_arxiv and hash(w.work, 1) % 10 < 8 then 'https://arxiv.org/abs/' || w.arxiv_id
            else 'https://example.org/works/' || w.work end as url,
       case when w.on_arxiv then 'paper' else 'web' end as resource_type, 3 as stars,
       case when hash(w.work, 2) % 2 = 0 then split_part(w.author1, ' ', 2) || ' et al. (' || w.year || ')'
            else array_to_string(string_split(w.title, ' ')[1:3], ' ') end as title,
       [w.author1, w.author2] as authors, w.year, left(md5('res' || w.work), 16) as resource_id
from (select a.article, k as pos,
             least(floor(getvariable('nworks') * pow(u(1000000 + a.article, k), 2.6))::bigint, getvariable('nworks') - 1) as work
      from range(greatest(getvariable('papers') // 1000, 1)) a(article), range(1, 31) t(k)) a
join works w using (work);

create or replace view rec_wiki_page as
select 'wiki_page' as kind, 'https://www.longtermwiki.com/wiki/E' || (1000 + a) as source_url,
       'https://www.longtermwiki.com/wiki/E' || (1000 + a) as canonical_url, getvariable('run_id') as run_id,
       '2026-11-23T00:00:00Z' as fetched_at, 'E' || (1000 + a) as entity_id, 'Synthetic article ' || a as title,
       'https://www.longtermwiki.com/wiki/E' || (1000 + a) as wiki_url, 30 as annotation_count, 0 as reference_count
from range(greatest(getvariable('papers') // 1000, 1)) t(a);

-- Ground truth: which work each mention denotes (keys as the warehouse builds them).
create or replace view truth as
select source_url || '#paper' as mkey, w.work from rec_pith_paper p join works w using (arxiv_id)
union all select r.canonical_url || '#ref' || r.idx, r.cited from (select *, 'https://pith.science/paper/' || arxiv_of(citing) as canonical_url from refs) r
union all select 'hub:' || hub_uuid, work from hub_works
union all select f.canonical_url || '#fwd' || f.position, w.work from rec_forward_citation f join works w on w.summary = f.summary
union all select h.canonical_url || '#' || h.section || h.position, w.work from rec_hub_citation h join works w on w.summary = h.summary
union all select a.canonical_url || '#ann' || a.position, w.work
          from rec_wiki_annotation a join works w on a.resource_id = left(md5('res' || w.work), 16);
