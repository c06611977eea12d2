package dev.deskbridge.connector.zendesk.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.deskbridge.connector.api.ConnectorMetrics;
import dev.deskbridge.connector.api.error.ConnectorException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.Request;
import org.asynchttpclient.RequestBuilder;
import org.asynchttpclient.Response;
import org.asynchttpclient.filter.FilterContext;
import org.asynchttpclient.filter.RequestFilter;
import org.zendesk.client.v2.Zendesk;
import org.zendesk.client.v2.ZendeskException;
import org.zendesk.client.v2.ZendeskResponseException;
import org.zendesk.client.v2.ZendeskResponseRateLimitException;
import org.zendesk.client.v2.model.Ticket;

/**
 * One Zendesk account as DeskBridge uses it: the {@code zendesk-java-client} for what it covers,
 * raw JSON requests over the same HTTP client for what it lacks (the webhooks API), one
 * client-side rate limit in front of both, a ceiling on the size of every answer read
 * ({@link AnswerCeiling}), and every failure classified by
 * {@link ZendeskFailures}. Thread-safe.
 */
public final class ZendeskApi implements AutoCloseable {
    private static final Duration SHUTDOWN = Duration.ofSeconds(5);
    /** Sends of one request that Zendesk throttled before the call fails as retryable. */
    private static final int THROTTLED_ATTEMPTS = 4;
    private final ZendeskAccess access;
    private final EventLoopGroup eventLoop;
    private final AsyncHttpClient http;
    private final Zendesk client;
    private final String authorization;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AnswerRetryAfter retryAfter;
    private final ConnectorMetrics metrics;

    private ZendeskApi(ZendeskAccess access, EventLoopGroup eventLoop, AsyncHttpClient http, Zendesk client,
            AnswerRetryAfter retryAfter, ConnectorMetrics metrics) {
        this.access = access;
        this.metrics = metrics;
        this.retryAfter = retryAfter;
        this.eventLoop = eventLoop;
        this.http = http;
        this.client = client;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (access.email() + "/token:" + access.apiToken().reveal()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Builds the clients. Touches no network: connections open on the first request.
     *
     * @param access the account
     * @param rateLimit the budget every request draws from
     * @param metrics where request counts go
     */
    public static ZendeskApi open(ZendeskAccess access, ClientRateLimit rateLimit, ConnectorMetrics metrics) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(metrics, "metrics");
        RequestFilter counting = new RequestFilter() {
            @Override
            public <T> FilterContext<T> filter(FilterContext<T> ctx) {
                metrics.increment("zendesk_requests", "method", ctx.getRequest().getMethod());
                return ctx;
            }
        };
        // Our own event loop, so close() can wait until its threads are gone: a plugin class loader
        // closed under running Netty threads makes them fail late.
        @SuppressWarnings("deprecation")
        EventLoopGroup eventLoop = new NioEventLoopGroup(2, new DefaultThreadFactory("deskbridge-zendesk", true));
        AnswerRetryAfter retryAfter = new AnswerRetryAfter();
        DefaultAsyncHttpClientConfig config = new DefaultAsyncHttpClientConfig.Builder()
                .setEventLoopGroup(eventLoop)
                .setConnectTimeout(access.requestTimeout())
                .setReadTimeout(access.requestTimeout())
                .setRequestTimeout(access.requestTimeout())
                // The host owns retries; a silent resend of a POST could duplicate a ticket.
                .setMaxRequestRetry(0)
                .setFollowRedirect(true)
                .addRequestFilter(rateLimit)
                .addRequestFilter(counting)
                .addRequestFilter(new AnswerCeiling(access.maxResponseBytes()))
                .addRequestFilter(retryAfter.requests())
                .addResponseFilter(retryAfter.responses())
                .addResponseFilter(rateLimit.pace().responses())
                .build();
        AsyncHttpClient http = new DefaultAsyncHttpClient(config);
        Zendesk client = new Zendesk.Builder(access.baseUrl())
                .setClient(http)
                .setUsername(access.email())
                .setToken(access.apiToken().reveal())
                .build();
        return new ZendeskApi(access, eventLoop, http, client, retryAfter, metrics);
    }

    /** The account this talks to. */
    public ZendeskAccess access() {
        return access;
    }

    /** A JSON mapper for raw bodies. */
    public ObjectMapper json() {
        return json;
    }

    /**
     * Runs a library call, classifying any failure.
     *
     * @param operation what is being done, for error messages ("create ticket")
     * @throws ConnectorException classified, when the call fails
     */
    public <T> T call(String operation, Function<Zendesk, T> call) {
        for (int attempt = 1; ; attempt++) {
            retryAfter.begin();
            try {
                return call.apply(client);
            } catch (ZendeskException e) {
                if (!throttledAgain(e, attempt)) {
                    throw ZendeskFailures.classify(operation, e, retryAfter.retryAfter());
                }
            }
        }
    }

    /**
     * Updates a ticket; Zendesk's answer. The library answers a 404 (the ticket was deleted) with
     * null, which would pass for a write done and lose what was written (a customer's message): here
     * it fails as the refusal it is, so callers see {@link ZendeskRejectedException#ticketGone}.
     *
     * @param operation what is being done, for error messages ("add internal note to ticket 42")
     */
    public Ticket updateTicket(String operation, Ticket change) {
        Ticket answer = call(operation, z -> z.updateTicket(change));
        if (answer == null && retryAfter.notFound()) {
            throw ZendeskFailures.notFound(operation);
        }
        return answer;
    }

    /**
     * A 429 means Zendesk did nothing with the request, so it is sent again here, once the pace has
     * waited out the answer's Retry-After (a wait longer than the client's maximum fails the next
     * attempt as throttled): throttling slows the work down instead of failing it. A 429 from an
     * endpoint's own limit holds no one else, so nothing here would wait: the call fails as throttled
     * with the answer's Retry-After, and the host tries it again then.
     */
    private boolean throttledAgain(ZendeskException e, int attempt) {
        boolean throttled = e instanceof ZendeskResponseRateLimitException
                || (e instanceof ZendeskResponseException r && r.getStatusCode() == 429);
        if (!throttled) {
            return false;
        }
        metrics.increment("zendesk_throttled");
        return attempt < THROTTLED_ATTEMPTS && !retryAfter.endpointLimited();
    }

    /** A raw GET of a path under {@code /api/v2} (for example {@code /webhooks}); the parsed body. */
    public JsonNode get(String operation, String pathAndQuery) {
        return send(operation, "GET", pathAndQuery, null);
    }

    /** A raw POST of a JSON body to a path under {@code /api/v2}; the parsed answer. */
    public JsonNode post(String operation, String path, JsonNode body) {
        return send(operation, "POST", path, body);
    }

    /** A raw PUT of a JSON body to a path under {@code /api/v2}; the parsed answer (null node when empty). */
    public JsonNode put(String operation, String path, JsonNode body) {
        return send(operation, "PUT", path, body);
    }

    private JsonNode send(String operation, String method, String path, JsonNode body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body, operation);
            } catch (Throttled t) {
                if (!throttledAgain(t.cause, attempt)) {
                    throw ZendeskFailures.classify(operation, t.cause, retryAfter.retryAfter());
                }
            }
        }
    }

    /** A 429 of a raw request, for {@link #send} to send again. */
    private static final class Throttled extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ZendeskException cause;

        Throttled(ZendeskException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    private JsonNode sendOnce(String method, String path, JsonNode body, String operation) {
        RequestBuilder builder = new RequestBuilder(method)
                .setUrl(access.baseUrl() + "/api/v2" + path)
                .setHeader("Authorization", authorization)
                .setHeader("Accept", "application/json");
        if (body != null) {
            builder.setHeader("Content-Type", "application/json");
            try {
                builder.setBody(json.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write JSON body for " + operation, e);
            }
        }
        Request request = builder.build();
        retryAfter.begin();
        try {
            Response response;
            try {
                response = http.executeRequest(request).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZendeskException(e.getMessage(), e);
            } catch (ExecutionException e) {
                throw new ZendeskException(String.valueOf(e.getCause()), e.getCause());
            }
            int status = response.getStatusCode();
            if (status == 429) {
                throw new Throttled(new ZendeskResponseRateLimitException(response));
            }
            if (status < 200 || status >= 300) {
                throw new ZendeskResponseException(response);
            }
            byte[] bytes = response.getResponseBodyAsBytes();
            if (bytes.length == 0) {
                return NullNode.getInstance();
            }
            try {
                return json.readTree(bytes);
            } catch (IOException e) {
                throw new ZendeskException("unreadable JSON from Zendesk: " + e.getMessage(), e);
            }
        } catch (ZendeskException e) {
            throw ZendeskFailures.classify(operation, e, retryAfter.retryAfter());
        }
    }

    /** Closes the clients. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            client.close();
        } catch (RuntimeException ignored) {
            // closing is best effort
        }
        try {
            http.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort
        }
        // Nothing is in flight when a session closes: no quiet period, a bounded wait for the threads.
        eventLoop.shutdownGracefully(0, SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN.toMillis());
    }

    @Override
    public String toString() {
        return "ZendeskApi[" + access.baseUrl() + " as " + access.email() + "]";
    }
}
