package dev.deskbridge.host.store;

/** What recording a delivery status did to a message. */
public enum StatusChange {
    /** The message had this status in its history already: nothing changed. */
    REPEATED,
    /** Added to the history, but the message had moved further (a late webhook). */
    SUPERSEDED,
    /** Added to the history, and it is the message's current status now. */
    CURRENT
}
