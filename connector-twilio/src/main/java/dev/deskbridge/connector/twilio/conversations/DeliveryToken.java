package dev.deskbridge.connector.twilio.conversations;

import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Twilio's {@code I-Twilio-Idempotency-Token} header: one value per webhook delivery, the same on
 * Twilio's retries of it. It is NOT covered by {@code X-Twilio-Signature}, so whoever replays a signed
 * request may send any token with it: it only lets Twilio's own retries be stored once (a replay with
 * another token is stored again, as every webhook without an id of its own was before).
 */
final class DeliveryToken {
    static final String HEADER = "I-Twilio-Idempotency-Token";
    /** What is kept as an id: short, and characters that need no escaping anywhere. */
    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private DeliveryToken() {}

    /** The request's token, trimmed; empty when it has none or one that is blank, too long or of other characters. */
    static Optional<String> of(WebhookRequest request) {
        return request.header(HEADER).map(String::trim).filter(t -> USABLE.matcher(t).matches());
    }
}
