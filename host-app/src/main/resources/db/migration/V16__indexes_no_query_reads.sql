-- Issue 17: indexes that no query reads, yet every write kept up. Conversations are found by
-- (business, customer), their unique key, never by (channel_id, customer). No query looks a ledger
-- row up by its provider message id (statuses find the message, then its row by message_id), and
-- each accepted send moved its entry to a random place of that index. The month's ledger is read
-- by usage_month alone, which ix_ledger_route leads with, so the two other month indexes only
-- cost every quote two more index writes.
DROP INDEX IF EXISTS ix_conversations_customer;
DROP INDEX IF EXISTS ix_ledger_provider;
DROP INDEX IF EXISTS ix_ledger_market;
DROP INDEX IF EXISTS ix_ledger_business;
