package dev.deskbridge.connector.twilio.rest;

import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a verified Twilio webhook, with readers that reject a missing or unreadable
 * value by naming it.
 */
public final class WebhookParams {
    private final Map<String, String> values;
    private final String kind;

    /**
     * @param values the verified parameters
     * @param kind what the webhook is, for error messages ("status callback")
     */
    public WebhookParams(Map<String, String> values, String kind) {
        this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The value, when present and not blank. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    /** Whether the parameter is present, even empty. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** @throws WebhookRejectedException (malformed body) naming the parameter when it is absent */
    public String required(String name) {
        return optional(name).orElseThrow(() -> malformed("lacks the " + name + " parameter"));
    }

    /** A WhatsApp address ({@code whatsapp:+1...}) or number, read as a phone number. */
    public PhoneNumber phone(String name) {
        String raw = required(name);
        try {
            return PhoneNumber.fromDigits(raw);
        } catch (IllegalArgumentException e) {
            throw malformed("has a " + name + " that is not a phone number: '" + raw + "'");
        }
    }

    /** A whole number, or the default when absent. */
    public int integer(String name, int absent) {
        Optional<String> raw = optional(name);
        try {
            return raw.map(v -> Integer.parseInt(v.trim())).orElse(absent);
        } catch (NumberFormatException e) {
            throw malformed("has a " + name + " that is not a whole number: '" + raw.get() + "'");
        }
    }

    /** A decimal number, when present. */
    public Optional<Double> decimal(String name) {
        Optional<String> raw = optional(name);
        try {
            return raw.map(v -> Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            throw malformed("has a " + name + " that is not a number: '" + raw.get() + "'");
        }
    }

    /** A rejection naming this webhook and what is wrong with it. */
    public WebhookRejectedException malformed(String what) {
        return new WebhookRejectedException("Twilio " + kind + " " + what, Reason.MALFORMED_BODY);
    }
}
