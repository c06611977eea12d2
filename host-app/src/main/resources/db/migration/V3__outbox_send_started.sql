-- When the outbox item's current send was handed to the provider; cleared when the provider
-- answered with a refusal. Set on an item being claimed again means an earlier attempt may have
-- reached the customer without the host learning the provider's id (the process died mid-send,
-- or the provider did not answer in time): the ticket is told of a possible duplicate.
ALTER TABLE outbox ADD COLUMN send_started_at TIMESTAMP WITH TIME ZONE;
