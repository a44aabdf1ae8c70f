-- Two canonical papers must never share an arXiv id.
select id_value as arxiv_id, list(distinct paper_id) as papers
from paper_identifiers where id_kind = 'arxiv' group by id_value having count(distinct paper_id) > 1
