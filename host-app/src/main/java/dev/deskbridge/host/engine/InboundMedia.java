package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.MediaTooLargeException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.QueueItem;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file of a customer's media message, for a CRM that takes attachments: downloaded through the
 * channel, or left out with a line on the message telling agents that a file was sent and why it is
 * not there (the caption alone would hide it). The message itself always goes on to the ticket: a
 * download that fails for a passing reason (the provider busy) is tried again with the item, but only
 * while the item may still be retried and for {@link #PATIENCE} at most; then the message goes without it.
 */
final class InboundMedia {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMedia.class);
    /** How long a customer's message waits for its file at most: agents should read it soon. */
    static final Duration PATIENCE = Duration.ofMinutes(5);

    /** What the CRM is given: the files, and the message as agents see it. */
    record Fetched(List<Attachment> attachments, InboundMessage shown) {
        Fetched {
            attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
            Objects.requireNonNull(shown, "shown");
        }
    }

    private final ErrorPolicy policy;
    private final Clock timer;

    /**
     * @param policy the policy the item's failures go through, which says when a failure may be its last
     * @param timer the clock of retries, as the policy reads it
     */
    InboundMedia(ErrorPolicy policy, Clock timer) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /**
     * Downloads the message's media when the CRM takes attachments; the message as it is otherwise.
     *
     * @throws RuntimeException the download's passing failure, when the item will be tried again
     */
    Fetched fetch(QueueItem item, CrmSession crm, ChannelSession channel, InboundMessage m) {
        if (!(m.content() instanceof MessageContent.Media media)
                || !crm.capabilities().contains(CrmCapability.ATTACHMENTS)) {
            // A CRM without attachments gets the media's kind and id in the content, and shows them its way.
            return new Fetched(List.of(), m);
        }
        if (!channel.capabilities().contains(ChannelCapability.MEDIA_DOWNLOAD)) {
            return withoutFile(m, media, "this channel does not pass files on");
        }
        Attachment file;
        try {
            file = channel.downloadMedia(media.mediaId());
        } catch (MediaTooLargeException e) {
            return withoutFile(m, media, e, "the file is larger than DeskBridge takes (" + size(e.limitBytes()) + ")");
        } catch (PermanentException e) {
            // Gone, refused, not a media id: the channel's message may hold ids and URLs, so agents get a plain reason.
            return withoutFile(m, media, e, "the file could not be fetched");
        } catch (RuntimeException e) {
            if (!policy.mayGiveUp(item, e, timer.instant(), PATIENCE)) {
                throw e;
            }
            // Thrown on, the item could become a dead letter, and the customer's words would never reach the ticket.
            return withoutFile(m, media, e, ErrorPolicy.isRetryable(e) ? "the download did not succeed in time"
                    : "the file could not be fetched");
        }
        return new Fetched(List.of(named(file, media)), m);
    }

    /** The file under the name the customer gave it, when they gave one (the channel's name is made up). */
    private static Attachment named(Attachment file, MessageContent.Media media) {
        return media.filename().flatMap(CustomerFileName::of).filter(name -> !name.equals(file.filename()))
                .map(name -> new Attachment(name, file.mimeType(), file.content())).orElse(file);
    }

    private static Fetched withoutFile(InboundMessage m, MessageContent.Media media, RuntimeException e,
            String reason) {
        LOG.warn("media {} of message {} not attached: {}", LogSafe.text(media.mediaId()),
                LogSafe.text(m.providerMessageId()), LogSafe.text(e.getMessage()));
        return withoutFile(m, media, reason);
    }

    private static Fetched withoutFile(InboundMessage m, MessageContent.Media media, String reason) {
        return new Fetched(List.of(), new InboundMessage(m.eventId(), m.providerMessageId(), m.business(),
                m.customer(), m.customerName(), m.sentAt(), media.withoutFile(reason), m.inReplyTo(), m.referral()));
    }

    /** A size for agents: {@code 16 MiB}, {@code 1.5 MiB}, {@code 900 KiB}, {@code 1000 bytes}. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return units(bytes / (1024.0 * 1024.0)) + " MiB";
        }
        if (bytes >= 1024) {
            return units(bytes / 1024.0) + " KiB";
        }
        return bytes + " bytes";
    }

    private static String units(double value) {
        // One decimal at most, none when it is whole.
        double rounded = Math.floor(value * 10) / 10;
        return rounded == Math.floor(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
    }
}
