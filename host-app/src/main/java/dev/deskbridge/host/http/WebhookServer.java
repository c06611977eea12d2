package dev.deskbridge.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.api.webhook.WebhookResponse;
import dev.deskbridge.host.config.HostConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.EngineMetrics;
import dev.deskbridge.host.engine.Intake;
import dev.deskbridge.host.engine.WebhookFieldLimits;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.logging.LogThrottle;
import dev.deskbridge.host.store.BadRecordSink;
import dev.deskbridge.host.store.StoreException;
import dev.deskbridge.host.store.journal.JournalFullException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

// size: the one ordering of verify, store, acknowledge for every webhook, kept in one reading.
/**
 * The host's HTTP face: webhooks of channels and CRMs, health and metrics (and, through
 * {@link #routes(Consumer)}, whatever else the host serves).
 *
 * <p>A webhook's raw bytes go untouched to the session's verifier; a rejected request is answered
 * with the rejection's status and a short reason and nothing is stored; a verified one is written
 * to the inbox and only then answered 200. Nothing here calls a provider: a CRM's webhook is
 * stored raw and read by a worker.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The metric label of every request for a source that is not configured. */
    static final String UNKNOWN_SOURCE = "unknown";
    /**
     * At most one line per source and kind of refusal this often (the first is logged at once): a
     * refused request, an event over a field limit, a webhook the connector failed to read.
     */
    static final Duration REFUSAL_LOG_EVERY = Duration.ofSeconds(10);

    private final HostConfig settings;
    private final ConnectorSessions sessions;
    private final Intake intake;
    private final EngineMetrics metrics;
    private final PrometheusMeterRegistry prometheus;
    private final HealthCheck health;
    private final BadRecordSink badRecords;
    private final Clock clock;
    private final Javalin app;
    private final LogThrottle refusalLog = new LogThrottle(REFUSAL_LOG_EVERY);
    private final ArrivingBody bodies = new ArrivingBody();
    private final OtherNumbers otherNumbers;

    public WebhookServer(HostConfig settings, ConnectorSessions sessions, Intake intake, EngineMetrics metrics,
            PrometheusMeterRegistry prometheus, HealthCheck health, BadRecordSink badRecords, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
        this.health = Objects.requireNonNull(health, "health");
        this.badRecords = Objects.requireNonNull(badRecords, "badRecords");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.otherNumbers = new OtherNumbers(sessions, badRecords);
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

    /** How one kind of source (channel or CRM) reads a verified webhook and stores what it said. */
    private record Source<S, E>(String kind, java.util.function.Function<String, String> sourceId,
            java.util.function.Function<String, Optional<S>> session,
            java.util.function.BiFunction<S, WebhookRequest, List<E>> receive,
            java.util.function.Function<E, Optional<String>> overLimit,
            java.util.function.BiConsumer<String, List<E>> store) {}

    /** A channel's events are stored under their own number's channel, which need not be the receiving one. */
    private void channelWebhook(Context ctx) {
        String id = ctx.pathParam("id");
        webhook(ctx, new Source<ChannelSession, OtherNumbers.Addressed>("channel", Intake::channelSource,
                sessions::findChannel, (session, request) -> otherNumbers.receive(id, session, request),
                a -> WebhookFieldLimits.check(a.event()),
                (receiver, events) -> intake.acceptChannelEvents(OtherNumbers.byChannel(events))));
    }

    /** A CRM's webhook is only verified here, then stored as it came; a worker reads it. */
    private void crmWebhook(Context ctx) {
        // Its replies' fields are checked where they are read (their limits make a dead letter there).
        webhook(ctx, new Source<CrmSession, Verified>("crm", Intake::crmSource, sessions::findCrm,
                (session, request) -> List.of(new Verified(request, session.verify(request))), v -> Optional.empty(),
                (id, verified) -> verified.forEach(v -> intake.acceptCrmWebhook(id, v.request(), v.receipt()))));
    }

    /** A CRM webhook that its session accepted. */
    private record Verified(WebhookRequest request, VerifiedWebhook receipt) {}

    /**
     * Verify (by the session), then store, then acknowledge; or refuse with a status and a reason. A
     * body still arriving is waited for without a thread ({@link ArrivingBody}).
     */
    private <S, E> void webhook(Context ctx, Source<S, E> kind) {
        String id = ctx.pathParam("id");
        String source = kind.sourceId().apply(id);
        Optional<S> session = kind.session().apply(id);
        if (session.isEmpty()) {
            unknownSource(ctx, kind.kind(), id);
            return;
        }
        long max = settings.http().maxBodyBytes();
        Optional<ArrivingBody.Outcome> arrived;
        try {
            arrived = ArrivingBody.ifArrived(ctx.req(), max);
        } catch (IOException e) {
            unreadable(ctx, source, e);
            return;
        }
        if (arrived.isPresent()) {
            received(ctx, kind, id, source, session.get(), arrived.get());
            return;
        }
        ctx.future(() -> {
            try {
                return bodies.read(ctx.req(), max)
                        .thenAccept(outcome -> received(ctx, kind, id, source, session.get(), outcome));
            } catch (IOException e) {
                unreadable(ctx, source, e);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
        });
    }

    private void unreadable(Context ctx, String source, IOException e) {
        reject(ctx, source, 400, "unreadable_body", "the request body could not be read: " + e.getMessage());
    }

    /** Answers a body that could not be had whole, or goes on with the one that was. */
    private <S, E> void received(Context ctx, Source<S, E> kind, String id, String source, S session,
            ArrivingBody.Outcome outcome) {
        if (outcome instanceof ArrivingBody.Outcome.TooLarge) {
            tooLarge(ctx, source, settings.http().maxBodyBytes());
        } else if (outcome instanceof ArrivingBody.Outcome.TooSlow) {
            ctx.header("Connection", "close");
            reject(ctx, source, 408, "body_timeout", "the request body did not arrive whole within "
                    + ArrivingBody.DEADLINE.toSeconds() + " s");
        } else if (outcome instanceof ArrivingBody.Outcome.Busy) {
            ctx.header("Retry-After", "1").header("Connection", "close");
            reject(ctx, source, 503, "busy", "too many request bodies arriving at once; try again shortly");
        } else {
            verified(ctx, kind, id, source, session, request(ctx, ((ArrivingBody.Outcome.Read) outcome).body()));
        }
    }

    private <S, E> void verified(Context ctx, Source<S, E> kind, String id, String source, S session,
            WebhookRequest request) {
        List<E> events;
        try {
            events = kind.receive().apply(session, request);
        } catch (WebhookRejectedException e) {
            rejected(ctx, source, e);
            return;
        } catch (StoreException | JournalFullException e) {
            // The session's own write (a bad record) failed, not the webhook: the provider retries later.
            unavailable(ctx, source, e);
            return;
        } catch (RuntimeException e) {
            refusalLog.admit(source + " read_failure").ifPresent(held -> LOG.error("{} {} failed to read a webhook{}",
                    kind.kind(), id, heldBack(held), e));
            reject(ctx, source, 500, "connector_error", "the " + kind.kind() + " could not read the webhook");
            return;
        }
        List<E> storable;
        try {
            storable = withinLimits(id, events, kind.overLimit(), request.body());
        } catch (StoreException e) {
            // A refused event's bad record is its only trace: without it, the provider sends it again.
            unavailable(ctx, source, e);
            return;
        }
        store(ctx, source, storable.size(), () -> kind.store().accept(id, storable));
    }

    /**
     * The events whose every stored field is within its limit; each other one is kept as a bad
     * record with the reason (and the delivery's body), so it costs neither the rest of its
     * delivery nor a retry loop.
     *
     * @throws StoreException when a bad record cannot be kept (the delivery is then refused with 503)
     */
    private <E> List<E> withinLimits(String id, List<E> events, java.util.function.Function<E, Optional<String>> overLimit,
            byte[] body) {
        List<E> kept = new java.util.ArrayList<>(events.size());
        for (E event : events) {
            Optional<String> problem = overLimit.apply(event);
            if (problem.isEmpty()) {
                kept.add(event);
                continue;
            }
            String problemText = problem.get();
            refusalLog.admit(id + " over_limit").ifPresent(held -> LOG.warn("webhook event for {} refused: {}{}", id,
                    problemText, heldBack(held)));
            badRecords.report(id, "webhook", problem.get(), body);
        }
        return kept;
    }

    private void channelHandshake(Context ctx) {
        String id = ctx.pathParam("id");
        String source = Intake.channelSource(id);
        Optional<ChannelSession> session = sessions.findChannel(id);
        if (session.isEmpty()) {
            unknownSource(ctx, "channel", id);
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
            // Meta's convention: a handshake whose verify token is missing or wrong is forbidden.
            boolean badToken = e.reason() == WebhookRejectedException.Reason.MISSING_SIGNATURE
                    || e.reason() == WebhookRejectedException.Reason.BAD_SIGNATURE;
            reject(ctx, source, badToken ? 403 : e.reason().httpStatus(), reasonName(e), e.getMessage());
        }
    }

    /**
     * A request for a source that is not configured. Its id is the requester's text, so it never
     * becomes a metric label: every such request counts under one fixed label.
     */
    private void unknownSource(Context ctx, String kind, String id) {
        reject(ctx, UNKNOWN_SOURCE, 404, "unknown_source", "no " + kind + " '" + id + "'");
    }

    /**
     * Makes the events durable, then acknowledges; a store failure, or an intake journal full because
     * the database lags, asks the provider to try again (503 with Retry-After).
     */
    private void store(Context ctx, String source, int events, Runnable write) {
        try {
            write.run();
        } catch (StoreException | JournalFullException e) {
            unavailable(ctx, source, e);
            return;
        }
        metrics.webhookReceived(source, events);
        // No result at all rather than an empty one: Javalin copies a result through a fresh 8 KB
        // buffer and its output stream, a few percent of the host's allocation at hundreds of webhooks a second.
        ctx.status(200);
    }

    /** A store failure or a full intake journal: 503 with Retry-After, so the provider tries again. */
    private void unavailable(Context ctx, String source, RuntimeException e) {
        ctx.header("Retry-After", "1");
        if (e instanceof JournalFullException) {
            reject(ctx, source, 503, "busy", "too many events waiting to be stored; try again shortly", Level.WARN,
                    e.getMessage());
        } else {
            reject(ctx, source, 503, "store_unavailable", "cannot store the events now; try again", Level.ERROR,
                    e.getMessage());
        }
    }

    /** Refuses an oversized body and closes the connection, so the rest of it is never read. */
    private void tooLarge(Context ctx, String source, long max) {
        ctx.header("Connection", "close");
        reject(ctx, source, 413, "too_large", "request body over " + max + " bytes");
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
        reject(ctx, source, e.reason().httpStatus(), reasonName(e), e.getMessage());
    }

    private static String reasonName(WebhookRejectedException e) {
        return e.reason().name().toLowerCase(java.util.Locale.ROOT);
    }

    private void reject(Context ctx, String source, int status, String reason, String message) {
        reject(ctx, source, status, reason, message, Level.INFO, null);
    }

    /**
     * Answers a refusal. The message may quote the request (a connector's rejection often does), so
     * the log line and the answer carry it capped and escaped. Senders decide how often they are
     * refused, so the log line is throttled per source and reason (both from bounded sets: a
     * configured source or {@link #UNKNOWN_SOURCE}, a fixed word); the metric counts every one.
     *
     * @param detail for the log only (what the host's own store said), or null
     */
    private void reject(Context ctx, String source, int status, String reason, String message, Level level,
            String detail) {
        metrics.webhookRejected(source, reason);
        String safe = LogSafe.text(message);
        refusalLog.admit(source + ' ' + reason).ifPresent(held -> LOG.atLevel(level).log(
                "rejected webhook for {}: {} {}{}{}", LogSafe.text(source), status, safe,
                detail == null ? "" : " (" + LogSafe.text(detail) + ")",
                heldBack(held)));
        ctx.status(status).contentType("text/plain").result(reason + ": " + safe);
    }

    private static String heldBack(long held) {
        return held == 0 ? "" : "; " + held + " more like it since the last such line were not logged";
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
