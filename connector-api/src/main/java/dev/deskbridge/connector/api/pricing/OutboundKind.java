package dev.deskbridge.connector.api.pricing;

/** What the window rules distinguish about an outbound message. */
public enum OutboundKind {
    /** Anything that is not a template: text, media, interactive. Needs an open service window. */
    FREEFORM,
    /** An approved template; may always be sent. */
    TEMPLATE
}
