package dev.deskbridge.host.testing;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.store.LedgerStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A test's view into a running host: webhooks posted to its HTTP server on loopback, and
 * questions asked of its database. Waits fail at once when an item became a dead letter, so a
 * broken step shows its reason instead of a timeout.
 */
public final class HostProbe {
    private final String localUrl;
    private final Database database;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param localUrl the host's {@code http://127.0.0.1:PORT}
     * @param database the host's database (or a pool on the same one)
     */
    public HostProbe(String localUrl, Database database) {
        this.localUrl = Objects.requireNonNull(localUrl, "localUrl");
        this.database = Objects.requireNonNull(database, "database");
    }

    /** POSTs a body with these headers (a null value leaves the header out). */
    /** {@code http://127.0.0.1:PORT} of the host. */
    public String baseUrl() {
        return localUrl;
    }

    public HttpResponse<String> post(String path, String contentType, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(localUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, value) -> {
            if (value != null) {
                b.header(name, value);
            }
        });
        return send(b.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(localUrl + path)).timeout(Duration.ofSeconds(30)).GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public <T> T sql(Jdbc.TxFunction<T> work) {
        return database.inTransaction(work);
    }

    public long count(String sql, Object... params) {
        return sql(c -> Jdbc.count(c, sql, params));
    }

    /** The stored conversation of a business number and a customer, if there is one. */
    public Optional<Conversation> conversation(PhoneNumber business, PhoneNumber customer) {
        return sql(c -> new ConversationStore().findByParties(c, business, customer, false));
    }

    /** A conversation's cost ledger rows, as the store reads them. */
    public List<LedgerEntry> ledger(ConversationId conversation) {
        return sql(c -> new LedgerStore().ofConversation(c, conversation));
    }

    /** Waits for a condition, failing at once when an item became a dead letter. */
    public void await(String what, BooleanSupplier condition) {
        Await.until(what, () -> {
            List<String> dead = sql(c -> Jdbc.query(c, "SELECT reason FROM dead_letters WHERE replayed_at IS NULL",
                    rs -> rs.getString(1)));
            if (!dead.isEmpty()) {
                throw new AssertionError("dead letter while waiting for " + what + ": " + dead);
            }
            return condition.getAsBoolean();
        });
    }
}
