package dev.deskbridge.connector.api.model;

/** Where an outbound message stands at its provider. Later states rank higher. */
public enum DeliveryStatus {
    QUEUED(0),
    SENT(1),
    DELIVERED(2),
    READ(3),
    /** Failed or undelivered: the message did not reach the customer and is never billed. */
    FAILED(4);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** Whether moving from this status to {@code next} is progress (late webhooks may go backwards). */
    public boolean advancesTo(DeliveryStatus next) {
        return next.rank > rank;
    }
}
