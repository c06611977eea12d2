-- Issue 14. The template catalogue: every template each channel's provider lists, whatever its
-- status, so a check can say "paused" rather than "not found". Keyed like a send names a template.
CREATE TABLE templates (
    channel_id        VARCHAR(64)   NOT NULL,
    name              VARCHAR(512)  NOT NULL,
    language          VARCHAR(16)   NOT NULL,
    provider_id       VARCHAR(64)   NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    -- the category Meta prices it in now (it may recategorise); NULL when the provider gave none
    category          VARCHAR(16),
    quality           VARCHAR(16),
    status_reason     VARCHAR(512),
    -- the whole definition (parameters, header, buttons, the provider's components) as JSON
    definition        VARCHAR       NOT NULL,
    synced_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel_id, name, language)
);
CREATE INDEX ix_templates_provider ON templates (channel_id, provider_id);

-- When each channel's catalogue was last read in full; no row means never (checks then cannot judge).
CREATE TABLE template_syncs (
    channel_id  VARCHAR(64)  PRIMARY KEY,
    synced_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    templates   INT          NOT NULL
);

-- Customers who opted out of marketing templates on a channel (STOP, a route's words, an operator).
CREATE TABLE opt_outs (
    channel_id     VARCHAR(64)   NOT NULL,
    customer       VARCHAR(16)   NOT NULL,
    opted_out_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- KEYWORD (the customer wrote it) or OPERATOR
    source         VARCHAR(16)   NOT NULL,
    keyword        VARCHAR(64),
    -- the customer was told once; NULL until the confirmation is queued
    told_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (channel_id, customer)
);

-- Meta's per-user marketing limit (131049) as it was met, per customer and channel: not a failure to retry.
CREATE TABLE marketing_limits (
    channel_id           VARCHAR(64)   NOT NULL,
    customer             VARCHAR(16)   NOT NULL,
    provider_message_id  VARCHAR(256)  NOT NULL,
    limited_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel_id, provider_message_id)
);
CREATE INDEX ix_marketing_limits_customer ON marketing_limits (channel_id, customer, limited_at);
