package dev.deskbridge.connector.twilio.whatsapp;

import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.twilio.rest.TwilioErrors;
import dev.deskbridge.connector.twilio.rest.WebhookParams;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Twilio's message status callback (MessageSid, MessageStatus, To, ErrorCode, and Price /
 * PriceUnit where Twilio reports them). A callback about a received message is read for its price.
 */
final class StatusCallbackParser {
    private StatusCallbackParser() {}

    /**
     * @param receivedAt when the host received it: Twilio's status callbacks carry no timestamp
     * @param defaultCurrency the currency of a price given without PriceUnit
     * @param sendKey the send's key from the callback URL's signed query (OutboundRequests), when there
     * @return the update, or empty for a status that is not about an outbound message's delivery
     */
    static Optional<DeliveryUpdate> parse(WebhookParams p, Instant receivedAt, Currency defaultCurrency,
            Optional<String> sendKey) {
        String sid = p.optional("MessageSid").orElseGet(() -> p.required("SmsSid"));
        String raw = p.required("MessageStatus").toLowerCase(Locale.ROOT);
        if (raw.equals("received")) {
            // A message the customer sent: Twilio bills receiving it too, and only its price matters
            // here; DELIVERED stands for "it reached the business". The customer is the sender.
            return Optional.of(new DeliveryUpdate("twilio:" + sid + ":received", sid, p.phone("From"),
                    DeliveryStatus.DELIVERED, receivedAt, List.of(), Optional.empty(), price(p, defaultCurrency),
                    Optional.empty()));
        }
        Optional<DeliveryStatus> status = status(raw);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        List<DeliveryError> errors = p.optional("ErrorCode").filter(c -> !c.equals("0"))
                .map(code -> List.of(new DeliveryError(code,
                        p.optional("ErrorMessage").orElseGet(() -> TwilioErrors.title(code)), Optional.empty())))
                .orElse(List.of());
        Optional<Money> price = price(p, defaultCurrency);
        return Optional.of(new DeliveryUpdate("twilio:" + sid + ":" + raw, sid,
                p.has("To") ? p.phone("To") : p.phone("ChannelToAddress"), status.get(), receivedAt, errors,
                Optional.empty(), price, Optional.empty(), sendKey));
    }

    /** Twilio's message statuses; undelivered and canceled messages reached nobody, like failed ones. */
    static Optional<DeliveryStatus> status(String raw) {
        switch (raw) {
            case "accepted":
            case "scheduled":
            case "queued":
            case "sending":
                return Optional.of(DeliveryStatus.QUEUED);
            case "sent":
                return Optional.of(DeliveryStatus.SENT);
            case "delivered":
                return Optional.of(DeliveryStatus.DELIVERED);
            case "read":
                return Optional.of(DeliveryStatus.READ);
            case "failed":
            case "undelivered":
            case "canceled":
                return Optional.of(DeliveryStatus.FAILED);
            default:
                return Optional.empty();
        }
    }

    /** Twilio reports charges as negative amounts ({@code -0.00500}); the ledger wants the cost. */
    static Optional<Money> price(WebhookParams p, Currency defaultCurrency) {
        Optional<String> raw = p.optional("Price");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            Currency currency = p.optional("PriceUnit").map(u -> Currency.getInstance(u.trim().toUpperCase(Locale.ROOT)))
                    .orElse(defaultCurrency);
            return Optional.of(new Money(new BigDecimal(raw.get().trim()).abs(), currency));
        } catch (IllegalArgumentException e) {
            throw p.malformed("has an unreadable Price/PriceUnit: '" + raw.get() + "' "
                    + p.optional("PriceUnit").orElse(""));
        }
    }
}
