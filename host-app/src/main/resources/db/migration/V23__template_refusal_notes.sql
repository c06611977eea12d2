-- Which conversations were told that an automatic answer's template cannot be sent (rejected, paused,
-- gone from the catalogue), and why (the refusal's code). Before, a rejected away or keyword template
-- put one note on the ticket per customer message it would have answered: a chatty ticket filled with
-- the same note. Now a conversation is told once per template and reason, and again only after the
-- template went out in it since. Kept by identity (conversation, template), never by a note's text.
-- Written so that running it again changes nothing.
CREATE TABLE IF NOT EXISTS template_refusal_notes (
    conversation_id    VARCHAR(64)   NOT NULL REFERENCES conversations (id),
    template_name      VARCHAR(512)  NOT NULL,
    template_language  VARCHAR(16)   NOT NULL,
    reason             VARCHAR(64)   NOT NULL,
    told_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, template_name, template_language)
);
