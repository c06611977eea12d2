package dev.deskbridge.connector.api.error;

import java.util.Objects;

/**
 * A webhook request that must not be acted on. Nothing from it is stored as an event.
 * The message says what was wrong and never contains a secret or an expected signature.
 */
public class WebhookRejectedException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /** Why a webhook was rejected; decides the HTTP status the host answers. */
    public enum Reason {
        MISSING_SIGNATURE(401),
        BAD_SIGNATURE(401),
        STALE_TIMESTAMP(401),
        MALFORMED_BODY(400),
        UNSUPPORTED_REQUEST(400);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public WebhookRejectedException(String message, Reason reason) {
        this(message, reason, null);
    }

    public WebhookRejectedException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
