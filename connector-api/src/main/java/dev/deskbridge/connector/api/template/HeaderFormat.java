package dev.deskbridge.connector.api.template;

/** What a template's header holds. */
public enum HeaderFormat {
    TEXT,
    IMAGE,
    VIDEO,
    DOCUMENT,
    LOCATION
}
