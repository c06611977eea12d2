-- Orders and their payments (issue 14, item 7): an order_details message the business sent, keyed by
-- its conversation and the business's reference, with where its payment stands. A payment status is
-- applied only when newer (by the provider's timestamp) than the one kept: late or repeated
-- webhooks never move it back.
CREATE TABLE orders (
    conversation_id  VARCHAR(64)   NOT NULL REFERENCES conversations (id),
    reference_id     VARCHAR(35)   NOT NULL,
    channel_id       VARCHAR(128)  NOT NULL,
    customer         VARCHAR(16)   NOT NULL,
    message_id       BIGINT        NOT NULL REFERENCES messages (id),
    currency         VARCHAR(3)    NOT NULL,
    total            NUMERIC(19,2) NOT NULL,
    order_status     VARCHAR(20)   NOT NULL,
    payment_status   VARCHAR(10),
    payment_at       TIMESTAMP WITH TIME ZONE,
    transaction_id   VARCHAR(128),
    paid_amount      NUMERIC(19,2),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, reference_id)
);
-- A payment webhook names the customer and the reference, not the conversation; a reference is
-- used once per channel.
CREATE UNIQUE INDEX uq_orders_channel_reference ON orders (channel_id, reference_id);
