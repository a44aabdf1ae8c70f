-- 0006: a load commits its staged runs first and resolves in a second transaction. A row here says staged
-- content has not been resolved yet (the load was stopped between the two, or staged with --no-resolve):
-- the next load or `citegraph resolve` resolves, and resolve clears it in the transaction that rebuilds the
-- curated tables.
create table resolve_pending (staged_at TIMESTAMP DEFAULT current_timestamp, runs INTEGER);
