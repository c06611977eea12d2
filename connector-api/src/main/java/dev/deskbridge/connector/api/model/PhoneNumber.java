package dev.deskbridge.connector.api.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +12015550123}). Only the syntax is checked here; whether
 * the number exists in a numbering plan is the host's pricing rules' business.
 */
public record PhoneNumber(String e164) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 phone number (+ and 2 to 15 digits): '" + e164 + "'");
        }
    }

    public static PhoneNumber of(String e164) {
        return new PhoneNumber(e164);
    }

    /**
     * Reads the digits-only form WhatsApp uses for {@code wa_id} and display numbers, tolerating
     * spaces, dashes, brackets, a leading {@code +} or a {@code whatsapp:} prefix.
     */
    public static PhoneNumber fromDigits(String raw) {
        Objects.requireNonNull(raw, "raw");
        String s = raw.trim();
        if (s.startsWith("whatsapp:")) {
            s = s.substring("whatsapp:".length());
        }
        String digits = s.replaceAll("[\\s()\\-.]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        return new PhoneNumber("+" + digits);
    }

    /** The number without the leading {@code +}, as in WhatsApp's {@code wa_id}. */
    public String digits() {
        return e164.substring(1);
    }

    @Override
    public String toString() {
        return e164;
    }
}
