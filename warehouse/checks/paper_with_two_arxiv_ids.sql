-- One paper must never hold two different arXiv ids (or two DOIs).
select paper_id, id_kind, list(id_value) as ids
from paper_identifiers where id_kind in ('arxiv', 'doi') group by paper_id, id_kind having count(*) > 1
