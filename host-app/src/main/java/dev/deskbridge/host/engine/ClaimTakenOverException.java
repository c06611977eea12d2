package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.QueueItem;

/**
 * A worker's claim of an item is no longer the item's claim: its lease ran out (a pause) and the item
 * was claimed again, so the newer claim runs it and this one must not finish it.
 */
final class ClaimTakenOverException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ClaimTakenOverException(QueueItem item) {
        super(item.describe() + ": its claim (attempt " + item.attempts() + ") was taken over by a newer claim after "
                + "its lease ran out; this attempt's work is rolled back and left to the newer claim");
    }
}
