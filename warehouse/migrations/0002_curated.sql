-- 0002: the curated model. Rebuilt from the raw tables by `citegraph resolve` (warehouse/transforms/*.sql)
-- in one transaction; typed and constrained. Paper ids are derived from each paper's strongest identifier,
-- so they do not depend on load order and survive re-crawls; paper_id_history keeps every id ever issued.

create table papers (
    paper_id        VARCHAR PRIMARY KEY,   -- cg_<16 hex>: hash of the anchor identifier
    anchor          VARCHAR NOT NULL,      -- the identifier the id derives from (arxiv:..., doi:..., title:...)
    work_type       VARCHAR,               -- paper, web, blog, ... (wiki resource types; paper for Pith works)
    title           VARCHAR,
    authors         VARCHAR[],
    year            INTEGER,
    abstract        VARCHAR,
    categories      VARCHAR[],
    arxiv_id        VARCHAR,
    doi             VARCHAR,
    pith_short      VARCHAR,
    hub_uuid        VARCHAR,
    pith_sentence   VARCHAR,               -- Pith review fields, when Pith reviewed the paper
    core_claim      VARCHAR,
    reviewed_at     VARCHAR,
    review_model    VARCHAR,
    pith_cited_by   INTEGER,               -- "Cited by N Pith papers" as the paper page says
    n_mentions      INTEGER NOT NULL,      -- records that denote this paper
    n_sources       INTEGER NOT NULL,      -- distinct pages that mention it
    first_seen_run  VARCHAR,
    last_seen_run   VARCHAR
);

create table paper_identifiers (
    paper_id     VARCHAR NOT NULL,
    id_kind      VARCHAR NOT NULL,   -- arxiv, arxiv_version, doi, pith, pith_number, hub, wiki_resource, url, title_key, summary
    id_value     VARCHAR NOT NULL,
    n_mentions   INTEGER NOT NULL,
    seen_in      VARCHAR[],          -- record kinds that carried it
    example_url  VARCHAR,
    PRIMARY KEY (paper_id, id_kind, id_value)
);

-- Every record that denotes a paper, and why it was put in that paper: the merge explanation.
create table identity_merges (
    mention_key  VARCHAR PRIMARY KEY,  -- <page canonical url>#<record kind><position>
    mention_kind VARCHAR NOT NULL,
    paper_id     VARCHAR NOT NULL,
    rule         VARCHAR NOT NULL,     -- anchor, strong_id, title_exact, title_fuzzy, own
    matched_on   VARCHAR,              -- the identifier or title key that joined it
    score        DOUBLE,               -- 1.0 for identifiers and exact titles; similarity for fuzzy
    run_id       VARCHAR,
    source_url   VARCHAR
);

-- Joins that the hard rules refused (two arXiv ids or DOIs would have met).
create table identity_conflicts (
    component    VARCHAR,
    reason       VARCHAR,
    detail       VARCHAR
);

create table paper_id_history (
    paper_id     VARCHAR PRIMARY KEY,
    anchor       VARCHAR,
    current_id   VARCHAR,              -- where the id points now (itself while current)
    first_seen   TIMESTAMP,
    last_seen    TIMESTAMP
);

create table citation_edges (
    citing_id    VARCHAR NOT NULL,     -- a paper_id, or W:E<n> for a wiki page
    citing_kind  VARCHAR NOT NULL,     -- paper | wiki_page
    cited_id     VARCHAR NOT NULL,
    sources      VARCHAR[] NOT NULL,   -- reference_list, forward_citation, hub_explorer, hub_representative, wiki_annotation, wiki_reference
    n_assertions INTEGER NOT NULL,
    ref_index    INTEGER,              -- position in the citing paper's reference list, when known
    role         VARCHAR,              -- citation role when known (hub dominant role)
    polarity     VARCHAR,
    first_run    VARCHAR,
    last_run     VARCHAR,
    PRIMARY KEY (citing_id, cited_id)
);

create table edge_sources (
    citing_id   VARCHAR NOT NULL,
    cited_id    VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    mention_key VARCHAR NOT NULL,
    ref_index   INTEGER,
    run_id      VARCHAR,
    source_url  VARCHAR
);

create table hubs (
    hub_uuid             VARCHAR PRIMARY KEY,
    paper_id             VARCHAR,
    title                VARCHAR,
    tier                 VARCHAR,
    badge                VARCHAR,
    badge_sentence       VARCHAR,
    dominant_role        VARCHAR,
    dominant_role_pct    DOUBLE,
    role_summary         JSON,
    polarity_summary     JSON,
    claims               VARCHAR[],
    representative_count INTEGER,
    explorer_count       INTEGER,
    fetched_at           VARCHAR,
    run_id               VARCHAR
);

-- One row per hub per crawl that fetched it with content: counts and roles over time.
create table hub_snapshots (
    hub_uuid             VARCHAR NOT NULL,
    run_id               VARCHAR NOT NULL,
    fetched_at           VARCHAR,
    tier                 VARCHAR,
    badge                VARCHAR,
    dominant_role        VARCHAR,
    dominant_role_pct    DOUBLE,
    representative_count INTEGER,
    explorer_count       INTEGER,
    PRIMARY KEY (hub_uuid, run_id)
);

create table paper_references (
    citing_id       VARCHAR,           -- paper whose reference list it is
    citing_arxiv    VARCHAR,
    ref_index       INTEGER NOT NULL,
    merged_indices  BIGINT[],
    raw             VARCHAR NOT NULL,
    title           VARCHAR,
    resolved_title  VARCHAR,
    authors         VARCHAR[],
    venue           VARCHAR,
    year            INTEGER,
    arxiv_id        VARCHAR,
    doi             VARCHAR,
    url             VARCHAR,
    cited_hub       VARCHAR,
    cited_id        VARCHAR NOT NULL,  -- the paper it resolved to
    resolution_rule VARCHAR NOT NULL,  -- how: strong_id, title_exact, title_fuzzy, own (a paper of its own)
    notes           VARCHAR[],
    source_url      VARCHAR,
    run_id          VARCHAR
);

create table wiki_pages (
    entity_id       VARCHAR PRIMARY KEY,
    title           VARCHAR,
    wiki_url        VARCHAR,
    description     VARCHAR,
    annotation_count INTEGER,
    reference_count INTEGER,
    data            JSON,
    fetched_at      VARCHAR,
    run_id          VARCHAR
);

create table wiki_annotations (
    entity_id         VARCHAR NOT NULL,
    position          INTEGER NOT NULL,
    link_text         VARCHAR,
    url               VARCHAR,
    resource_type     VARCHAR,
    stars             INTEGER,
    credibility_label VARCHAR,
    publication       VARCHAR,
    peer_reviewed     BOOLEAN,
    title             VARCHAR,
    note              VARCHAR,
    citation_count    INTEGER,
    authors           VARCHAR[],
    et_al             BOOLEAN,
    year              INTEGER,
    summary           VARCHAR,
    summary_truncated BOOLEAN,
    tags              VARCHAR[],
    hidden_tag_count  INTEGER,
    ref_number        INTEGER,
    resource_id       VARCHAR,
    paper_id          VARCHAR,         -- the paper the annotated resource resolved to
    run_id            VARCHAR,
    PRIMARY KEY (entity_id, position)
);

create table wiki_references (
    entity_id     VARCHAR NOT NULL,
    number        INTEGER NOT NULL,
    resource_id   VARCHAR,
    title         VARCHAR,
    publication   VARCHAR,
    author        VARCHAR,
    year          INTEGER,
    resource_type VARCHAR,
    summary       VARCHAR,
    stars         INTEGER,
    url           VARCHAR,
    paper_id      VARCHAR,
    run_id        VARCHAR,
    PRIMARY KEY (entity_id, number)
);

create table page_fetches (
    run_id        VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    source_url    VARCHAR,
    page_type     VARCHAR,
    status        INTEGER,
    outcome       VARCHAR,
    content_hash  VARCHAR,
    bytes         BIGINT,
    elapsed_ms    DOUBLE,
    fetched_at    VARCHAR,
    redirects     VARCHAR[]
);

create table crawl_errors (
    run_id     VARCHAR NOT NULL,
    url        VARCHAR,
    stage      VARCHAR,
    reason     VARCHAR,
    status     INTEGER,
    detail     VARCHAR,
    fetched_at VARCHAR
);

-- One row per `citegraph resolve`: what it built.
create table resolve_log (
    resolved_at TIMESTAMP DEFAULT current_timestamp,
    runs        INTEGER,
    mentions    BIGINT,
    papers      BIGINT,
    edges       BIGINT,
    seconds     DOUBLE
);
