-- How far the host has read agent replies of each CRM that is polled (CrmCapability.POLLING):
-- the next poll asks for replies since this instant (less a margin; replies are de-duplicated by
-- their event ids in the inbox). Only moves forward.
CREATE TABLE crm_poll_cursors (
    crm_id       VARCHAR(128) PRIMARY KEY,
    polled_until TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
