-- Two canonical papers must never share a DOI.
select id_value as doi, list(distinct paper_id) as papers
from paper_identifiers where id_kind = 'doi' group by id_value having count(distinct paper_id) > 1
