-- 0003: a log of Parquet snapshots written from this warehouse.
create table snapshot_log (
    snapshot_id  VARCHAR PRIMARY KEY,   -- the snapshot folder's name
    path         VARCHAR,
    created_at   TIMESTAMP DEFAULT current_timestamp,
    tables       INTEGER,
    total_rows   BIGINT,
    bytes        BIGINT
);
