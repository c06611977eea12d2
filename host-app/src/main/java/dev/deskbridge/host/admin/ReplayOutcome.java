package dev.deskbridge.host.admin;

/** What replaying one dead letter did. */
public enum ReplayOutcome {
    /** Handed back to its queue; the engine will try it again. */
    REPLAYED,
    /** No dead letter with that id (perhaps already replayed). */
    NOT_FOUND
}
