-- Every reference of a reference list resolved to a paper.
-- (Read from the integer-keyed table paper_references is a view of; references_read_back checks the view. One
-- anti join of tens of millions of references against the papers' labels; page URLs for the failures only.)
with paper_labels as (select l.label from resolved_labels l semi join papers p using (paper_id))
select p.key as source_url, x.ref_index, x.cited as cited_label
from (select x.page_no, x.ref_index, x.cited from reference_resolution x anti join paper_labels d on d.label = x.cited) x
left join resolved_pages p on p.page_no = x.page_no
