package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.api.webhook.WebhookResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One WhatsApp Cloud API phone number: sends through the Graph API, verifies and reads Meta's
 * webhooks, answers the subscription handshake and downloads inbound media. Thread-safe.
 */
final class WhatsAppCloudSession implements ChannelSession {
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");
    private static final int TEMPLATE_PAGE_SIZE = 100;
    private static final int MAX_TEMPLATE_PAGES = 1000;
    private static final Pattern MESSAGE_ID = Pattern.compile("\\S{1,512}");

    private final ConnectorContext context;
    private final WhatsAppSettings settings;
    private final GraphClient graph;
    private final SendThrottle throttle;
    private final WebhookSignature signature;
    private final WebhookParser parser;
    private final MediaDownloader media;
    private volatile boolean closed;

    WhatsAppCloudSession(ConnectorContext context, WhatsAppSettings settings, SendThrottle throttle) {
        this.context = Objects.requireNonNull(context, "context");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.graph = GraphClient.create(settings, context.clock());
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.signature = new WebhookSignature(settings.appSecret());
        this.parser = new WebhookParser(settings.phoneNumberId(), settings.businessNumber());
        this.media = new MediaDownloader(graph, settings);
    }

    @Override
    public Optional<PhoneNumber> businessNumber() {
        return Optional.of(settings.businessNumber());
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        Set<ChannelCapability> all = EnumSet.allOf(ChannelCapability.class);
        if (settings.wabaId().isEmpty()) {
            all.remove(ChannelCapability.TEMPLATE_CATALOGUE);
        }
        return all;
    }

    @Override
    public List<TemplateDefinition> listTemplates() {
        ensureOpen();
        String waba = settings.wabaId().orElseThrow(() -> new ConfigurationException(
                "the channel has no waba_id, so its templates cannot be listed", null, WhatsAppSettings.WABA_ID, null));
        List<TemplateDefinition> out = new ArrayList<>();
        Set<String> seenCursors = new HashSet<>();
        String after = null;
        for (int page = 0; page < MAX_TEMPLATE_PAGES; page++) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("fields", MetaTemplates.FIELDS);
            query.put("limit", TEMPLATE_PAGE_SIZE);
            if (after != null) {
                query.put("after", after);
            }
            JsonNode answer = graph.call("list message templates",
                    () -> graph.api().messageTemplates(settings.graphApiVersion(), waba, query));
            JsonNode data = answer == null ? null : answer.get("data");
            if (data == null || !data.isArray()) {
                throw new PermanentException("Meta's template list has no data array");
            }
            for (int i = 0; i < data.size(); i++) {
                try {
                    out.add(MetaTemplates.definition(data.get(i)));
                } catch (IllegalArgumentException e) {
                    context.reportBadRecord("template", "page " + page + ", data[" + i + "]: " + e.getMessage(),
                            data.get(i).toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            // Meta gives "next" only when there is a further page; its "after" cursor names it.
            String next = answer.path("paging").path("next").asText("");
            after = answer.path("paging").path("cursors").path("after").asText("");
            if (next.isEmpty() || after.isEmpty() || !seenCursors.add(after)) {
                return out;
            }
        }
        throw new PermanentException("Meta's template list has more than " + MAX_TEMPLATE_PAGES + " pages");
    }

    @Override
    public SendResult send(SendRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        ensureOwnNumber(request.business());
        String kind = request.message().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        var body = OutboundPayloads.message(request);
        throttle.awaitTurn();
        // Meta takes no idempotency key: the host's outbox is what keeps an accepted send from going twice.
        long started = System.nanoTime();
        try {
            GraphApi.SendResponse response = graph.call("send a message",
                    () -> graph.api().sendMessage(settings.graphApiVersion(), settings.phoneNumberId(), body));
            String id = response == null ? null
                    : response.messages().stream().map(GraphApi.MessageRef::id)
                            .filter(i -> i != null && !i.isBlank()).findFirst().orElse(null);
            if (id == null) {
                // Meta took the message: its status (which names the send's key) tells its id.
                throw new AnswerLostException("Meta accepted the send of " + request.idempotencyKey()
                        + " but named no message id", null);
            }
            context.metrics().increment("whatsapp_messages_sent", "kind", kind);
            return SendResult.of(id, context.clock().instant());
        } catch (ConnectorException e) {
            context.metrics().increment("whatsapp_send_failures", "kind", kind, "error", e.getClass().getSimpleName());
            if (e instanceof ConfigurationException) {
                // Every send fails until an operator acts; the message names the setting, never its value.
                context.logger().warn("WhatsApp channel {} needs attention: {}", context.instanceId(), e.getMessage());
            }
            throw e;
        } finally {
            context.metrics().record("whatsapp_send", Duration.ofNanos(System.nanoTime() - started), "kind", kind);
        }
    }

    @Override
    public void markRead(PhoneNumber business, String providerMessageId) {
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        ensureOpen();
        ensureOwnNumber(business);
        if (!MESSAGE_ID.matcher(providerMessageId).matches()) {
            throw new PermanentException("'" + providerMessageId + "' is not a WhatsApp message id");
        }
        GraphApi.SuccessResponse r = graph.call("mark a message read", () -> graph.api()
                .markRead(settings.graphApiVersion(), settings.phoneNumberId(),
                        OutboundPayloads.markRead(providerMessageId)));
        if (r == null || !r.success()) {
            throw new PermanentException("Meta did not confirm marking " + providerMessageId + " as read");
        }
    }

    @Override
    public Optional<WebhookResponse> handshake(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        if (!"GET".equalsIgnoreCase(request.method()) || request.queryParam("hub.mode").isEmpty()) {
            return Optional.empty();
        }
        String mode = request.queryParam("hub.mode").get();
        if (!"subscribe".equals(mode)) {
            throw rejected(new WebhookRejectedException(
                    "hub.mode is '" + abbreviate(mode) + "'; Meta's verification handshake uses subscribe",
                    Reason.UNSUPPORTED_REQUEST));
        }
        String token = request.queryParam("hub.verify_token").orElse("");
        if (token.isEmpty()) {
            throw rejected(new WebhookRejectedException("the handshake has no hub.verify_token",
                    Reason.MISSING_SIGNATURE));
        }
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                settings.verifyToken().reveal().getBytes(StandardCharsets.UTF_8))) {
            throw rejected(new WebhookRejectedException("hub.verify_token does not match the verify_token setting",
                    Reason.BAD_SIGNATURE));
        }
        String challenge = request.queryParam("hub.challenge").orElse("");
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw rejected(new WebhookRejectedException("hub.challenge is missing or not a plain token",
                    Reason.UNSUPPORTED_REQUEST));
        }
        return Optional.of(WebhookResponse.text(200, challenge));
    }

    @Override
    public List<ChannelEvent> receive(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        if (!"POST".equalsIgnoreCase(request.method())) {
            throw rejected(new WebhookRejectedException(
                    "Meta delivers events by POST; a " + request.method() + " is not a webhook delivery",
                    Reason.UNSUPPORTED_REQUEST));
        }
        try {
            signature.verify(request);
            WebhookParser.Result result = parser.parse(request.body(), request.receivedAt());
            if (!result.problems().isEmpty()) {
                // One record per delivery, naming every problem: a copy of the body per problem let one
                // delivery of many small broken items store the body many times over.
                context.reportBadRecord("webhook", problems(result.problems()), request.body());
            }
            result.ignoredFields().forEach(f -> context.metrics().increment("whatsapp_webhook_ignored", "field", f));
            context.metrics().increment("whatsapp_webhooks_received");
            return result.events();
        } catch (WebhookRejectedException e) {
            throw rejected(e);
        }
    }

    /** Most problems a bad record names one by one; the rest are counted. */
    private static final int PROBLEMS_NAMED = 10;

    /** The problems of one delivery as one reason: the first ones by name, how many more. */
    static String problems(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        String named = String.join("; ", problems.subList(0, Math.min(PROBLEMS_NAMED, problems.size())));
        int more = problems.size() - PROBLEMS_NAMED;
        return problems.size() + " problems: " + named + (more > 0 ? "; and " + more + " more" : "");
    }

    @Override
    public Attachment downloadMedia(String mediaId) {
        ensureOpen();
        return media.download(mediaId);
    }

    @Override
    public void close() {
        // The JDK HTTP client holds no resource that outlives its last reference.
        closed = true;
    }

    private WebhookRejectedException rejected(WebhookRejectedException e) {
        context.metrics().increment("whatsapp_webhooks_rejected", "reason", e.reason().name().toLowerCase(Locale.ROOT));
        return e;
    }

    private void ensureOwnNumber(PhoneNumber business) {
        if (!settings.businessNumber().equals(business)) {
            throw new PermanentException("this channel sends from " + settings.businessNumber() + ", not from "
                    + business + "; the route points at the wrong channel");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the WhatsApp session " + context.instanceId() + " is closed");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Override
    public String toString() {
        return "WhatsAppCloudSession[" + context.instanceId() + ", " + settings + "]";
    }
}
