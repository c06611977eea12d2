-- Issue 17: a queue item's identity (source, event id) in a table of its own, written once when the item
-- is stored. H2 updates a row by taking it out of every index of its table and putting it back, whether
-- or not the index's columns changed; while the unique (source_id, event_id) index was on the queue's
-- own rows, each claim, lease and completion of an item rewrote its entry there. Event ids are random
-- (a provider's message ids), so every update dirtied a page of that index of its own, written out again
-- at the next flush: on a database of months of traffic, a page per update that no other event shared.
-- A key is deleted with its item (the retention of handled items). Written so that running it again
-- changes nothing.
CREATE TABLE IF NOT EXISTS inbox_keys (
    item_id   BIGINT        PRIMARY KEY REFERENCES inbox (id) ON DELETE CASCADE,
    source_id VARCHAR(160)  NOT NULL,
    event_id  VARCHAR(600)  NOT NULL,
    CONSTRAINT uq_inbox_keys UNIQUE (source_id, event_id)
);
INSERT INTO inbox_keys (item_id, source_id, event_id) SELECT id, source_id, event_id FROM inbox
    ON CONFLICT DO NOTHING;
ALTER TABLE inbox DROP CONSTRAINT IF EXISTS uq_inbox_event;

CREATE TABLE IF NOT EXISTS outbox_keys (
    item_id   BIGINT        PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    source_id VARCHAR(160)  NOT NULL,
    event_id  VARCHAR(600)  NOT NULL,
    CONSTRAINT uq_outbox_keys UNIQUE (source_id, event_id)
);
INSERT INTO outbox_keys (item_id, source_id, event_id) SELECT id, source_id, event_id FROM outbox
    ON CONFLICT DO NOTHING;
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS uq_outbox_event;
