package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.logging.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read receipts: on a route with {@code read_receipts: true}, a customer message is marked read on
 * its channel ({@link ChannelSession#markRead}) once it is on the ticket, so the customer sees it has
 * reached the team. A channel without {@link ChannelCapability#MARK_READ} is skipped. Best effort: a
 * receipt that fails is logged and not retried, since repeating the customer message for it would
 * write to the CRM again.
 */
final class ReadReceipts {
    private static final Logger LOG = LoggerFactory.getLogger(ReadReceipts.class);

    private ReadReceipts() {}

    static void afterTicket(EngineContext ctx, RouteConfig route, InboundMessage message) {
        if (!route.readReceipts()) {
            return;
        }
        ChannelSession channel = ctx.sessions().channel(route.channel());
        if (!channel.capabilities().contains(ChannelCapability.MARK_READ)) {
            return;
        }
        try {
            channel.markRead(message.business(), message.providerMessageId());
        } catch (RuntimeException e) {
            LOG.warn("channel {}: read receipt for {} not sent: {}", route.channel(),
                    LogSafe.text(message.providerMessageId()), LogSafe.text(e.getMessage()));
        }
    }
}
