package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.OutboundMessage;

/** Checks a template request against a channel's catalogue. */
@FunctionalInterface
public interface TemplateResolver {
    /**
     * @return the message to send, with the catalogue's current category
     * @throws SendRefusedException with the catalogue's reason code (for example {@code template_paused})
     */
    OutboundMessage.Template resolve(String channelId, TemplateAsk ask);
}
