-- Responsiveness (issue 15) reads customer messages by when they were written, and the
-- business's messages by purpose (agents' answers, re-engagement templates, automatic answers)
-- and time: one index each, so a period's figures never scan the whole message table.
CREATE INDEX ix_messages_in_sent ON messages (direction, sent_at);
CREATE INDEX ix_messages_purpose ON messages (purpose, created_at);
