-- Every annotation and References entry belongs to a loaded wiki page.
select entity_id, position, 'annotation' as what from wiki_annotations where entity_id not in (select entity_id from wiki_pages)
union all
select entity_id, number, 'reference' from wiki_references where entity_id not in (select entity_id from wiki_pages)
