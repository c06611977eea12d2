-- Click-to-chat links (issue 15): a wa.me link, optionally backed by one of Meta's QR codes and
-- short links, named and tagged by where it is placed. The short code travels in the link's
-- prefilled text; the customer's first message brings it back and the conversation records it.
CREATE TABLE chat_links (
    code            VARCHAR(16)   PRIMARY KEY,
    name            VARCHAR(100)  NOT NULL,
    source          VARCHAR(32)   NOT NULL,
    channel_id      VARCHAR(128)  NOT NULL,
    business        VARCHAR(16)   NOT NULL,
    -- the text the customer sees prefilled, without the code DeskBridge appends
    message         VARCHAR(140)  NOT NULL,
    -- Meta's QR code id and short link (message_qrdls), when the link has one
    meta_code       VARCHAR(14),
    meta_short_link VARCHAR(256),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- deleted links stay, so conversations and cost reports keep their names
    deleted_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_chat_links_channel ON chat_links (channel_id, deleted_at);

-- The link a conversation came from: first touch, recorded once.
CREATE TABLE conversation_links (
    conversation_id VARCHAR(64)   PRIMARY KEY REFERENCES conversations (id),
    link_code       VARCHAR(16)   NOT NULL REFERENCES chat_links (code),
    attributed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_conversation_links_code ON conversation_links (link_code);
