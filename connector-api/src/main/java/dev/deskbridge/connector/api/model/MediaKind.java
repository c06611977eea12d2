package dev.deskbridge.connector.api.model;

/** The media kinds WhatsApp carries. */
public enum MediaKind {
    IMAGE,
    DOCUMENT,
    AUDIO,
    VIDEO,
    STICKER
}
