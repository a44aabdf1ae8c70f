-- The citation pairs (read as strings through the view citation_edges), grouped from the stored assertions
-- after the mention table is freed: at 1M papers it holds ~3.5 GB, and with it alive the grouping of 49M
-- assertions into 35M pairs spilled (13 s; 7 s without).
delete from edge_pairs;
insert into edge_pairs
select citing, cited, bit_or(1::integer << source::integer), count(*),
       min(mid_pos(mid)) filter (where source = 4), min(run_no), max(run_no)
from edge_assertions group by citing, cited;
