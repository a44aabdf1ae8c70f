-- Page fetches and crawl errors of every run (also refreshed alone when a load brings no new content).
delete from page_fetches;
insert into page_fetches
select _run_id, canonical_url, source_url, page_type, status, outcome, content_hash, bytes, elapsed_ms, fetched_at, redirects
from raw_page_fetch;

delete from crawl_errors;
insert into crawl_errors
select _run_id, source_url, stage, reason, status, detail, fetched_at from raw_crawl_error;
