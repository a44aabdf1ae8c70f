-- Every reference of a reference list resolved to a paper.
-- (Read from the integer-keyed table paper_references is a view of; references_read_back checks the view.)
select p.key as source_url, x.ref_index, x.cited as cited_label
from reference_resolution x
left join resolved_pages p on p.page_no = x.page_no
where x.cited is null or x.cited not in (select l.label from resolved_labels l semi join papers p using (paper_id))
