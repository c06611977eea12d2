package dev.deskbridge.host.admin;

/** What a message carried, as far as an operator cares. */
public enum MessageKind {
    TEXT,
    MEDIA,
    TEMPLATE,
    /** Anything else the provider sent (reactions, locations, interactive replies). */
    OTHER
}
