-- Every reference of a reference list resolved to a paper.
select citing_arxiv, ref_index, raw from paper_references where cited_id is null or cited_id not in (select paper_id from papers)
