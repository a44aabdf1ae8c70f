-- 0004: the big curated tables lose their primary-key indexes. They are rebuilt wholesale by every resolve,
-- where maintaining an ART index over millions of string keys cost a quarter of the time (measured at 100k
-- papers: 152 s -> 112 s). Uniqueness is guarded by data checks instead (warehouse/checks/duplicate_*.sql).

create table papers__new as select * from papers;
drop table papers;
alter table papers__new rename to papers;
create table paper_identifiers__new as select * from paper_identifiers;
drop table paper_identifiers;
alter table paper_identifiers__new rename to paper_identifiers;
create table identity_merges__new as select * from identity_merges;
drop table identity_merges;
alter table identity_merges__new rename to identity_merges;
create table citation_edges__new as select * from citation_edges;
drop table citation_edges;
alter table citation_edges__new rename to citation_edges;
create table hubs__new as select * from hubs;
drop table hubs;
alter table hubs__new rename to hubs;
create table hub_snapshots__new as select * from hub_snapshots;
drop table hub_snapshots;
alter table hub_snapshots__new rename to hub_snapshots;
create table wiki_pages__new as select * from wiki_pages;
drop table wiki_pages;
alter table wiki_pages__new rename to wiki_pages;
create table wiki_annotations__new as select * from wiki_annotations;
drop table wiki_annotations;
alter table wiki_annotations__new rename to wiki_annotations;
create table wiki_references__new as select * from wiki_references;
drop table wiki_references;
alter table wiki_references__new rename to wiki_references;
