-- Issue 17: a message's provider id (WhatsApp's wamid) unique in a table of its own, as V17 did for the
-- queues' keys. Every status a message takes (sent, delivered, read, failed) and the ticket a customer's
-- message went onto are updates of its row, and H2 rewrites every index of a row on each update: while the
-- provider id's unique index was on the messages themselves, each of those updates rewrote the message's
-- entry in it, a random page of the largest index of the database. The column stays on the message, for
-- reading; the key is written once, when the provider's id becomes known. Written so that running it again
-- changes nothing.
CREATE TABLE IF NOT EXISTS message_keys (
    message_id          BIGINT        PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    provider_message_id VARCHAR(256)  NOT NULL,
    CONSTRAINT uq_message_keys UNIQUE (provider_message_id)
);
INSERT INTO message_keys (message_id, provider_message_id)
    SELECT id, provider_message_id FROM messages WHERE provider_message_id IS NOT NULL ON CONFLICT DO NOTHING;
DROP INDEX IF EXISTS ux_messages_provider;
