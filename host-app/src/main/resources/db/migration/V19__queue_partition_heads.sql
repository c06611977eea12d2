-- A claim's scan goes on where the last one stopped instead of always reading the oldest pending rows
-- (a long blocked backlog there hid every other conversation), so it no longer reads a partition's older
-- rows before its newer ones: whether an item is its partition's oldest pending one is asked of this
-- index for the few rows a claim picks. V15 dropped it when no query read it. Written so that running
-- it again changes nothing.
CREATE INDEX IF NOT EXISTS ix_inbox_partition ON inbox (partition_key, status, id);
CREATE INDEX IF NOT EXISTS ix_outbox_partition ON outbox (partition_key, status, id);
