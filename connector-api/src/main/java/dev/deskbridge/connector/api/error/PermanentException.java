package dev.deskbridge.connector.api.error;

/**
 * A failure that will not go away by retrying: bad input, a rejected recipient, a refused
 * operation. The host stops and records the reason (dead letter, note on the ticket).
 */
public class PermanentException extends ConnectorException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public PermanentException(String message) {
        this(message, null, null);
    }

    public PermanentException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param message what went wrong, including the provider's reason
     * @param code the provider's error code, when it gave one
     * @param cause the underlying failure, if any
     */
    public PermanentException(String message, String code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The provider's error code, when it gave one. */
    public java.util.Optional<String> code() {
        return java.util.Optional.ofNullable(code);
    }
}
