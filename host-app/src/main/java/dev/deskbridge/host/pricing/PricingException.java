package dev.deskbridge.host.pricing;

import java.util.Objects;

/** The rules cannot price a message: no schedule covers its instant, or its number is invalid. */
public final class PricingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public PricingException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A short code such as {@code no_schedule} or {@code invalid_number}. */
    public String code() {
        return code;
    }
}
