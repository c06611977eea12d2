-- Issue 17: the queues' (partition_key, status, id) indexes are read by no query any more (claiming
-- reads the (status, id) index in order and picks each partition's head in Java), but every insert
-- and every status change still wrote them, and each write dirtied a page at a random place of the
-- index that the next durable flush (CHECKPOINT SYNC) had to serialise again.
DROP INDEX IF EXISTS ix_inbox_partition;
DROP INDEX IF EXISTS ix_outbox_partition;
