-- A running campaign is sent by one host at a time, under a lease as a queue item is: the host that
-- claims it renews claimed_until while it sends, and any host on the database takes over a RUNNING
-- campaign whose lease ran out (its host died) or that no host holds. Before, only the host's own
-- restart resumed it. The look-out reads RUNNING rows through ix_campaigns_status (few are running).
-- Written so that running it again changes nothing.
ALTER TABLE campaigns ADD COLUMN IF NOT EXISTS claimed_by VARCHAR(64);
ALTER TABLE campaigns ADD COLUMN IF NOT EXISTS claimed_until TIMESTAMP WITH TIME ZONE;
