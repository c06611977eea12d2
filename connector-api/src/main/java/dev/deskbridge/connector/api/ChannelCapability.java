package dev.deskbridge.connector.api;

/** Optional abilities of a channel session, in the manner of capability flags in a TCK. */
public enum ChannelCapability {
    SEND_TEXT,
    SEND_MEDIA,
    SEND_TEMPLATE,
    MARK_READ,
    HANDSHAKE,
    MEDIA_DOWNLOAD,
    /** {@link ChannelSession#listTemplates()} reads the provider's template catalogue. */
    TEMPLATE_CATALOGUE
}
