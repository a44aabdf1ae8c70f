-- No paper cites itself (a sign that two works were merged).
select citing_id, cited_id from citation_edges where citing_id = cited_id
