package dev.deskbridge.connector.api.error;

/**
 * Base of the failures a connector reports. Connectors only classify a failure; the host owns
 * the policy (retry with backoff, honour retry-after, dead-letter, tell the operator).
 *
 * <p>Messages must never contain a secret (token, password, signing key).
 */
public abstract class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
