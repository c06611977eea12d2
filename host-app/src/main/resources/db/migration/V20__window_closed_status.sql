-- When a conversation's ticket is to be shown that its service window closed: the window's end, set
-- with the window by each customer message; NULL once the window watcher queued that status update
-- (as warn_at is for the closing warning). Without it nothing told the CRM a window had ended, and
-- tickets kept wa_window_open. Windows still open at the upgrade get theirs. Written so that
-- running it again changes nothing.
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS closed_status_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX IF NOT EXISTS ix_conversations_closed_status ON conversations (closed_status_at);
UPDATE conversations SET closed_status_at = service_window_ends_at
    WHERE closed_status_at IS NULL AND ticket_id IS NOT NULL AND service_window_ends_at > CURRENT_TIMESTAMP;
