package dev.deskbridge.connector.zendesk.client;

import dev.deskbridge.connector.api.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Zendesk account. {@link #toString()} is safe to log: the token is a
 * {@link Secret} and prints as {@code ****}.
 *
 * @param baseUrl the account's base URL without a trailing slash ({@code https://acme.zendesk.com})
 * @param email the agent DeskBridge acts as
 * @param apiToken the agent's API token
 * @param requestsPerMinute the client-side request budget
 * @param requestTimeout how long one request may take
 * @param maxResponseBytes the most of one answer's body that is read ({@link AnswerCeiling})
 */
public record ZendeskAccess(String baseUrl, String email, Secret apiToken, int requestsPerMinute,
        Duration requestTimeout, long maxResponseBytes) {
    public ZendeskAccess {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (baseUrl.endsWith("/")) {
            throw new IllegalArgumentException("baseUrl must not end with '/': " + baseUrl);
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1");
        }
    }

    /** Where an agent opens a ticket in the browser. */
    public String agentTicketUrl(long ticketId) {
        return baseUrl + "/agent/tickets/" + ticketId;
    }
}
