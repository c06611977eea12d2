/**
 * The failures a connector reports; the host owns what happens next (retry, dead letter, note).
 *
 * <p>Every constructor takes its arguments in one order: the message first, the cause last, and
 * the classifying details in between, a subclass keeping its superclass's positions and adding its
 * own just before the cause:
 *
 * <pre>
 * new PermanentException(message, code, cause)
 * new WindowClosedException(message, code, cause)
 * new ConfigurationException(message, code, setting, cause)
 * new RetryableException(message, retryAfter, cause)
 * new WebhookRejectedException(message, reason, cause)
 * </pre>
 *
 * <p>Shorter forms drop trailing details ({@code (message)}, {@code (message, cause)},
 * {@code (message, reason)}). Messages never contain a secret.
 */
package dev.deskbridge.connector.api.error;
