package dev.deskbridge.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.api.webhook.WebhookResponse;
import dev.deskbridge.host.config.HostConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.EngineMetrics;
import dev.deskbridge.host.engine.Intake;
import dev.deskbridge.host.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's HTTP face: webhooks of channels and CRMs, health and metrics (and, through
 * {@link #routes(Consumer)}, whatever else the host serves).
 *
 * <p>A webhook's raw bytes go untouched to the session's verifier; a rejected request is answered
 * with the rejection's status and a short reason and nothing is stored; a verified one is written
 * to the inbox and only then answered 200.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HostConfig settings;
    private final ConnectorSessions sessions;
    private final Intake intake;
    private final EngineMetrics metrics;
    private final PrometheusMeterRegistry prometheus;
    private final HealthCheck health;
    private final Clock clock;
    private final Javalin app;

    public WebhookServer(HostConfig settings, ConnectorSessions sessions, Intake intake, EngineMetrics metrics,
            PrometheusMeterRegistry prometheus, HealthCheck health, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
        this.health = Objects.requireNonNull(health, "health");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = settings.http().maxBodyBytes();
        });
        app.post("/webhooks/channels/{id}", this::channelWebhook);
        app.get("/webhooks/channels/{id}", this::channelHandshake);
        app.post("/webhooks/crms/{id}", this::crmWebhook);
        app.get("/health", this::health);
        app.get("/metrics", this::metrics);
    }

    /** Adds routes (the admin API, the dashboard) before the server starts. */
    public WebhookServer routes(Consumer<Javalin> adder) {
        adder.accept(app);
        return this;
    }

    /** Starts listening; returns the bound port. */
    public int start() {
        app.start(settings.http().bind(), settings.http().port());
        LOG.info("listening on http://{}:{} (public {})", settings.http().bind(), app.port(), settings.publicBaseUrl().toString());
        return app.port();
    }

    public int port() {
        return app.port();
    }

    private void channelWebhook(Context ctx) {
        String id = ctx.pathParam("id");
        String source = Intake.channelSource(id);
        Optional<ChannelSession> session = sessions.findChannel(id);
        if (session.isEmpty()) {
            reject(ctx, source, 404, "unknown_source", "no channel '" + id + "'");
            return;
        }
        Optional<WebhookRequest> request = request(ctx, source);
        if (request.isEmpty()) {
            return;
        }
        List<ChannelEvent> events;
        try {
            events = session.get().receive(request.get());
        } catch (WebhookRejectedException e) {
            rejected(ctx, source, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("channel {} failed to read a webhook", id, e);
            reject(ctx, source, 500, "connector_error", "the channel could not read the webhook");
            return;
        }
        store(ctx, source, events.size(), () -> intake.acceptChannelEvents(id, events));
    }

    private void channelHandshake(Context ctx) {
        String id = ctx.pathParam("id");
        String source = Intake.channelSource(id);
        Optional<ChannelSession> session = sessions.findChannel(id);
        if (session.isEmpty()) {
            reject(ctx, source, 404, "unknown_source", "no channel '" + id + "'");
            return;
        }
        try {
            Optional<WebhookResponse> answer = session.get().handshake(request(ctx, new byte[0]));
            if (answer.isEmpty()) {
                reject(ctx, source, 400, "not_a_handshake", "not a verification handshake this channel knows");
                return;
            }
            ctx.status(answer.get().status()).contentType(answer.get().contentType()).result(answer.get().body());
        } catch (WebhookRejectedException e) {
            rejected(ctx, source, e);
        }
    }

    private void crmWebhook(Context ctx) {
        String id = ctx.pathParam("id");
        String source = Intake.crmSource(id);
        Optional<CrmSession> session = sessions.findCrm(id);
        if (session.isEmpty()) {
            reject(ctx, source, 404, "unknown_source", "no crm '" + id + "'");
            return;
        }
        Optional<WebhookRequest> request = request(ctx, source);
        if (request.isEmpty()) {
            return;
        }
        List<AgentReply> replies;
        try {
            replies = session.get().receive(request.get());
        } catch (WebhookRejectedException e) {
            rejected(ctx, source, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("crm {} failed to read a webhook", id, e);
            reject(ctx, source, 500, "connector_error", "the crm could not read the webhook");
            return;
        }
        store(ctx, source, replies.size(), () -> intake.acceptAgentReplies(id, replies));
    }

    /** Writes to the inbox, then acknowledges; a database failure asks the provider to try again. */
    private void store(Context ctx, String source, int events, java.util.function.IntSupplier write) {
        try {
            write.getAsInt();
        } catch (StoreException e) {
            LOG.error("cannot store webhook events of {}: {}", source, e.getMessage());
            reject(ctx, source, 503, "store_unavailable", "cannot store the events now; try again");
            return;
        }
        metrics.webhookReceived(source, events);
        ctx.status(200).result("");
    }

    /** The request with its raw body, or empty (and a 413 answered) when the body is too large. */
    private Optional<WebhookRequest> request(Context ctx, String source) {
        if (ctx.contentLength() > settings.http().maxBodyBytes()) {
            reject(ctx, source, 413, "too_large", "request body over " + settings.http().maxBodyBytes() + " bytes");
            return Optional.empty();
        }
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (RuntimeException e) {
            reject(ctx, source, 413, "too_large", "request body over " + settings.http().maxBodyBytes() + " bytes");
            return Optional.empty();
        }
        if (body.length > settings.http().maxBodyBytes()) {
            reject(ctx, source, 413, "too_large", "request body over " + settings.http().maxBodyBytes() + " bytes");
            return Optional.empty();
        }
        return Optional.of(request(ctx, body));
    }

    private WebhookRequest request(Context ctx, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        String query = ctx.queryString();
        String publicUrl = settings.publicBaseUrl().toString() + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
        return new WebhookRequest(ctx.method().name(), publicUrl, headers, ctx.queryParamMap(), body, clock.instant());
    }

    private void rejected(Context ctx, String source, WebhookRejectedException e) {
        reject(ctx, source, e.reason().httpStatus(), e.reason().name().toLowerCase(java.util.Locale.ROOT),
                e.getMessage());
    }

    private void reject(Context ctx, String source, int status, String reason, String message) {
        metrics.webhookRejected(source, reason);
        LOG.info("rejected webhook for {}: {} {}", source, status, message);
        ctx.status(status).contentType("text/plain").result(reason + ": " + message);
    }

    private void health(Context ctx) throws Exception {
        Map<String, Boolean> checks = health.run();
        boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("live", true);
        body.put("ready", ready);
        Map<String, String> details = new LinkedHashMap<>();
        checks.forEach((name, ok) -> details.put(name, ok ? "UP" : "DOWN"));
        body.put("checks", details);
        ctx.status(ready ? 200 : 503).contentType("application/json").result(JSON.writeValueAsString(body));
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.scrape());
    }

    @Override
    public void close() {
        app.stop();
    }
}
