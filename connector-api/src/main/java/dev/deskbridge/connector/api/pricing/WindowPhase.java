package dev.deskbridge.connector.api.pricing;

/** How a CRM should label a conversation's service window right now. */
public enum WindowPhase {
    /** Free-form replies may be sent and closing is not near. */
    OPEN,
    /** Open, but closing within the configured warning lead time. */
    CLOSING,
    /** Closed (or never opened): only templates may be sent. */
    CLOSED
}
