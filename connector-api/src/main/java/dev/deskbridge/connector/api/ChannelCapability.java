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
    TEMPLATE_CATALOGUE,
    /**
     * The provider's delivery statuses name the send they are of: every {@link
     * dev.deskbridge.connector.api.model.DeliveryUpdate} carries the send's {@link
     * dev.deskbridge.connector.api.model.SendRequest#idempotencyKey()} as its {@code sendKey}. A send
     * whose answer was lost (a timeout, a connection cut mid-answer, the host stopped mid-send) then
     * waits for its status before it is sent again, and is not sent again when the status says the
     * provider has it. Without it, such a send is repeated at once and agents are told it may arrive twice.
     */
    STATUS_NAMES_SEND
}
