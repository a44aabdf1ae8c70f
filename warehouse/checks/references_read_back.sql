-- Every resolved References entry reads back from exactly one raw row (paper_references joins on page, index, run).
select p.key as source_url, x.ref_index, count(r._run_id) as raw_rows
from reference_resolution x
join resolved_pages p on p.page_no = x.page_no
join resolved_runs rn on rn.run_no = x.run_no
left join raw_reference r on r.canonical_url = p.key and r.index = x.ref_index and r._run_id = rn.run_id
group by all
having count(r._run_id) <> 1
