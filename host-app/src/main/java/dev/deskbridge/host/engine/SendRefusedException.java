package dev.deskbridge.host.engine;

import java.util.Objects;

/**
 * A message the business wanted to start was refused before anything was stored or sent.
 * {@link #code()} is one of the reason codes the admin API's OpenAPI description lists.
 */
public final class SendRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int httpStatus;

    public SendRefusedException(String code, int httpStatus, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.httpStatus = httpStatus;
    }

    /** The reason code, for example {@code budget_exhausted}. */
    public String code() {
        return code;
    }

    /** The HTTP status the API answers with (4xx). */
    public int httpStatus() {
        return httpStatus;
    }
}
