package dev.deskbridge.host.store;

import java.util.Locale;

/** The two durable work queues: events received (inbox) and messages to send (outbox). */
public enum Queue {
    INBOX,
    OUTBOX;

    /** The table holding the queue's items. */
    public String table() {
        return name().toLowerCase(Locale.ROOT);
    }
}
