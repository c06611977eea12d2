package dev.deskbridge.connector.api;

import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.api.webhook.WebhookResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One configured WhatsApp sender. Thread-safe: the host calls it from several workers at once.
 *
 * <p>Errors: {@link dev.deskbridge.connector.api.error.RetryableException} for what may pass
 * (throttling, 5xx, timeouts), {@link dev.deskbridge.connector.api.error.WindowClosedException}
 * when the provider says the service window is closed,
 * {@link dev.deskbridge.connector.api.error.ConfigurationException} for credentials,
 * {@link dev.deskbridge.connector.api.error.PermanentException} for everything else. The host
 * retries; a session never retries on its own beyond a single HTTP call.
 */
public interface ChannelSession extends AutoCloseable {

    /** What this session supports; the contract suite skips what is absent. */
    Set<ChannelCapability> capabilities();

    /**
     * Sends one message. The host has already checked the window and the budget.
     *
     * <p>How a failure is told decides whether the host may send again without a second thought. A
     * failure after the request may have reached the provider (a timeout, a connection lost before
     * the whole answer came) keeps the {@link java.io.IOException} among its causes: the host then
     * counts the message as possibly taken. An answer the provider gave (any HTTP error status, its
     * body readable or not) carries no I/O exception among its causes: a refusal, retried freely.
     * A 2xx whose answer cannot be read is {@link dev.deskbridge.connector.api.error.AnswerLostException}.
     *
     * @return the provider's id of the accepted message
     */
    SendResult send(SendRequest request);

    /**
     * Marks a customer's message as read, where the provider supports it
     * ({@link ChannelCapability#MARK_READ}). The host calls it on routes configured with
     * {@code read_receipts: true}, each time it has handed the message to the CRM; a failure is
     * logged and not retried.
     */
    default void markRead(PhoneNumber business, String providerMessageId) {
        throw new UnsupportedOperationException("mark-as-read is not supported by this channel");
    }

    /**
     * Answers a provider's verification handshake (Meta's {@code hub.challenge} GET), where the
     * provider has one.
     *
     * @return the response, or empty when the request is not a handshake this channel knows
     * @throws dev.deskbridge.connector.api.error.WebhookRejectedException when it is a
     *     handshake with the wrong token
     */
    default Optional<WebhookResponse> handshake(WebhookRequest request) {
        return Optional.empty();
    }

    /**
     * Verifies a webhook (signature, and timestamp where the provider sends one) BEFORE reading
     * it, then parses every event in it. None may be dropped; unknown fields are ignored. Runs in
     * the webhook's request: it reads the body only and never calls out (media is fetched later,
     * in a worker, through {@link #downloadMedia}; what a status lacks, through {@link #completeUpdate}).
     *
     * @throws dev.deskbridge.connector.api.error.WebhookRejectedException when the request is not
     *     authentic or cannot be parsed; no event is returned then
     */
    List<ChannelEvent> receive(WebhookRequest request);

    /**
     * Completes a delivery update with what its webhook did not carry and only a call to the provider
     * can tell (Twilio's price, when its status callback has none). The host calls it in the worker,
     * outside any database transaction, each time it is about to apply an update of this channel
     * (record the status, settle the ledger), so again on each retry of the update (the CRM was away);
     * never in the webhook's request, so a replayed webhook costs no call. It may call the provider.
     *
     * <p>Returns the update to apply: the one given, or a copy of it with the same event id, message
     * and status (only what was missing filled in). A failed read must not hold the status back: the
     * session logs it and returns the update as given. Nothing thrown here is retried: the host logs
     * it and applies the update as given, as it does with a copy of another event id, message or status.
     */
    default DeliveryUpdate completeUpdate(DeliveryUpdate update) {
        return update;
    }

    /**
     * Downloads inbound media by the id a {@link dev.deskbridge.connector.api.model.MessageContent.Media}
     * carries, refusing files over the configured size limit with a permanent failure, a
     * {@link dev.deskbridge.connector.api.error.MediaTooLargeException} naming the limit. A file that
     * cannot be had (gone, refused, too large) is a permanent failure: the host puts the customer's
     * message on the ticket without it, saying so; a passing one (the provider busy) a retryable one,
     * which the host tries again for a few minutes at most before it does the same.
     */
    default Attachment downloadMedia(String mediaId) {
        throw new UnsupportedOperationException("media download is not supported by this channel");
    }

    /**
     * Reads every template of the provider's catalogue (all pages), whatever its status. Only called
     * when {@link ChannelCapability#TEMPLATE_CATALOGUE} is among the capabilities. Calls out: the
     * host runs it on a schedule, never in a webhook's request.
     */
    default List<TemplateDefinition> listTemplates() {
        throw new UnsupportedOperationException("this channel has no template catalogue");
    }

    /**
     * The channel provider's own fee per message, billed on top of Meta's price in both
     * directions (Twilio's), when there is one.
     */
    default Optional<Money> channelFeePerMessage() {
        return Optional.empty();
    }

    /**
     * The business number this session sends from, when it has exactly one: the host starts
     * conversations from it for messages the business initiates (notifications, campaigns).
     */
    default Optional<PhoneNumber> businessNumber() {
        return Optional.empty();
    }

    /**
     * The longest text body one message of this channel may carry, counted in Java {@code char}s
     * (UTF-16 code units, so an emoji counts two, as some providers count it). The host cuts an agent's
     * longer reply into parts of at most this many, each sent, priced and counted as a message of its
     * own; a provider would refuse it whole. Defaults to WhatsApp's own limit, 4,096 (the Cloud API's
     * {@code text.body}); a channel whose provider takes less says so. Added in 0.2.
     */
    default int maxTextLength() {
        return 4096;
    }

    /** Releases resources. Idempotent; never throws. */
    @Override
    void close();
}
