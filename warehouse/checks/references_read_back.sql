-- Every resolved References entry reads back from exactly one raw row (paper_references joins on page, index, run).
-- (Raw rows are numbered by page and run first, so the count is over integers, not URLs.)
with raw as (
    select p.page_no, r.index as ref_index, rn.run_no
    from raw_reference r
    join resolved_pages p on p.key = r.canonical_url
    join resolved_runs rn on rn.run_id = r._run_id
), counted as (
    select x.page_no, x.ref_index, x.run_no, count(raw.run_no) as raw_rows
    from reference_resolution x left join raw using (page_no, ref_index, run_no)
    group by all having count(raw.run_no) <> 1
)
select p.key as source_url, c.ref_index, c.raw_rows from counted c left join resolved_pages p using (page_no)
