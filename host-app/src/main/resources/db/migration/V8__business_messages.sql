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
