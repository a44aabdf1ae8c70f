-- Normalising functions used by the resolution models.

-- Matching key of a title: lower-case ASCII letters and digits. Citation labels ("Langosco et al. (2022)")
-- and bare domains ("metr.org") are not titles; keys shorter than 8 characters are too weak to match on.
create or replace temp macro title_key(t) as (
    case
        when t is null then null
        -- (each pattern only where it can match: a label ends with ")", a domain has no space)
        when ends_with(rtrim(t), ')') and regexp_matches(trim(t), '^\S+( et al\.?| and \S+| & \S+)? \(\d{4}\)$') then null
        when not contains(trim(t), ' ')
             and regexp_matches(lower(trim(t)), '^(https?://)?(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+/?$') then null
        else (select case when length(k) >= 8 then k end
              from (select regexp_replace(lower(strip_accents(t)), '[^a-z0-9]+', '', 'g') as k))
    end);

-- Surname key of the first author ("Perez, Ethan" and "Ethan Perez" both give "perez").
create or replace temp macro author_key(authors) as (
    case when authors is null or len(authors) = 0 then null
         when contains(authors[1], ',') then regexp_replace(lower(strip_accents(split_part(authors[1], ',', 1))), '[^a-z]', '', 'g')
         else regexp_replace(lower(strip_accents(list_last(string_split(trim(authors[1]), ' ')))), '[^a-z]', '', 'g')
    end);

-- arXiv id from a URL (abs, pdf, html; new and old style; version dropped).
create or replace temp macro arxiv_of_url(u) as (
    nullif(regexp_extract(u, 'arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5}|[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7})', 1), ''));

-- DOI from a URL (doi.org links and publisher URLs holding one), lower-cased.
create or replace temp macro doi_of_url(u) as (
    nullif(rtrim(regexp_extract(lower(u), '(10\.\d{4,9}/[^\s?#]+)', 1), '.,;'), ''));

-- A DOI of arXiv's (10.48550/arxiv.X) is that arXiv id; other DOIs stay DOIs.
create or replace temp macro doi_arxiv(d) as (nullif(regexp_extract(lower(d), '^10\.48550/arxiv\.(.+?)(v\d+)?$', 1), ''));

-- Year an arXiv id was submitted (YYMM.nnnnn, or archive/YYMMnnn).
create or replace temp macro arxiv_year(a) as (
    case when a is null then null
         when regexp_matches(a, '^\d{4}\.') then 2000 + cast(left(a, 2) as integer)
         when regexp_matches(a, '/\d{7}$') then
              (case when cast(substr(split_part(a, '/', 2), 1, 2) as integer) >= 90 then 1900 else 2000 end)
              + cast(substr(split_part(a, '/', 2), 1, 2) as integer)
    end);

-- URL key for web resources: host without www, path without trailing slash, query kept.
create or replace temp macro url_key(u) as (
    case when u is null or u = '' then null else
    lower(regexp_replace(regexp_replace(regexp_replace(u, '^https?://(www\.)?', ''), '#.*$', ''), '/+$', '')) end);

-- The identifiers a mention's own columns spell, as <prefix>:<value>. Hard ones name one work anywhere (arXiv,
-- DOI, Pith numbers, hub uuids, wiki resource ids, a web resource's URL when it has no arXiv id or DOI); a Pith
-- one-line summary (sum:) is soft: it joins records of the same Pith paper but never overrules a hard identifier.
create or replace temp macro own_idents(arxiv, doi, pith, pith_number, hub, resource, url, sumkey) as (
    list_filter(['arxiv:' || arxiv, 'doi:' || doi, 'pith:' || pith, 'pith_number:' || pith_number, 'hub:' || hub,
                 'res:' || resource, case when arxiv is null and doi is null then 'url:' || url end, 'sum:' || sumkey],
                lambda x: x is not null));
-- The first of those (the one a mention is placed by) and how many there are, from the values alone: most
-- mentions need no list (at 1M papers building 50M lists was a quarter of the mentions pass). Must agree with
-- own_idents: url counts only without an arXiv id or DOI, and coalesce reaches it only then.
create or replace temp macro first_ident(arxiv, doi, pith, pith_number, hub, resource, url, sumkey) as (
    coalesce('arxiv:' || arxiv, 'doi:' || doi, 'pith:' || pith, 'pith_number:' || pith_number, 'hub:' || hub,
             'res:' || resource, 'url:' || url, 'sum:' || sumkey));
create or replace temp macro n_idents(arxiv, doi, pith, pith_number, hub, resource, url, sumkey) as (
    (arxiv is not null)::integer + (doi is not null)::integer + (pith is not null)::integer
    + (pith_number is not null)::integer + (hub is not null)::integer + (resource is not null)::integer
    + (url is not null and arxiv is null and doi is null)::integer + (sumkey is not null)::integer);
-- The value of an identifier of the given prefix ('arxiv:2301.00001', 'arxiv' -> '2301.00001'), else null: a mention
-- that ties nothing has no other identifier values than its first identifier's.
create or replace temp macro ident_value(ident, prefix) as (
    case when starts_with(ident, prefix || ':') then substr(ident, length(prefix) + 2) end);
create or replace temp macro ident_kind(ident) as (
    case split_part(ident, ':', 1) when 'res' then 'wiki_resource' when 'sum' then 'summary'
         else split_part(ident, ':', 1) end);

-- The parts of a mention id: page number (pages in key order), kind code, position on the page.
create or replace temp macro mid_page(mid) as (mid >> 24);
create or replace temp macro mid_kind(mid) as ((mid >> 20) & 15);
create or replace temp macro mid_pos(mid) as (mid & 1048575);

-- A mention's key, "<page url>#ref12" (hubs: hub:<uuid>), from its page's key and its id.
create or replace temp macro mention_key(page_key, mid) as (
    page_key || getvariable('suffixes')[mid_kind(mid)] || case when mid_kind(mid) <= 3 then '' else mid_pos(mid)::varchar end);
