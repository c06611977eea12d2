-- Messages the business started through the notifications API (issue 14): the request's identity
-- and the answer given to it. A client's idempotency key is unique, so the same key sends once and
-- is answered with the first answer, stored here.
CREATE TABLE business_messages (
    message_id      BIGINT        PRIMARY KEY REFERENCES messages (id),
    idempotency_key VARCHAR(255),
    conversation_id VARCHAR(64)   NOT NULL REFERENCES conversations (id),
    ticket_mode     VARCHAR(8)    NOT NULL,
    template        VARCHAR(512)  NOT NULL,
    language        VARCHAR(16)   NOT NULL,
    order_reference VARCHAR(128),
    answer          VARCHAR       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_business_messages_key UNIQUE (idempotency_key)
);

-- Campaigns (issue 14): one template to many recipients from a file, validated before the first
-- send, then paced. Each recipient is a row keyed by (campaign, line of the file); its send is
-- queued under that identity, so a restart continues where the last host stopped and sends no one twice.
CREATE TABLE campaigns (
    id           VARCHAR(64)   PRIMARY KEY,
    channel_id   VARCHAR(128)  NOT NULL,
    crm_id       VARCHAR(128)  NOT NULL,
    template     VARCHAR(512)  NOT NULL,
    language     VARCHAR(16),
    ticket_mode  VARCHAR(8)    NOT NULL,
    rate         INT           NOT NULL,
    recipients   INT           NOT NULL,
    skipped      INT           NOT NULL,
    currency     VARCHAR(3)    NOT NULL,
    quoted_total NUMERIC(19,6) NOT NULL,
    status       VARCHAR(10)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    finished_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_campaigns_status ON campaigns (status);

CREATE TABLE campaign_recipients (
    campaign_id VARCHAR(64)   NOT NULL REFERENCES campaigns (id),
    line        INT           NOT NULL,
    customer    VARCHAR(16)   NOT NULL,
    parameters  VARCHAR       NOT NULL,
    status      VARCHAR(8)    NOT NULL,
    message_id  BIGINT,
    reason      VARCHAR(64),
    error       VARCHAR(1024),
    PRIMARY KEY (campaign_id, line)
);
CREATE INDEX ix_campaign_recipients_status ON campaign_recipients (campaign_id, status, line);
