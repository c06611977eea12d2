package dev.deskbridge.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.ProviderPricing;
import dev.deskbridge.connector.api.model.Referral;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A messaging channel double for engine tests: HMAC-signed JSON webhooks ({@code X-Test-Signature}),
 * sends recorded in memory with provider ids {@code out-1}, {@code out-2}, ...
 */
public final class TestChannel implements ChannelSession {
    public static final String SIGNATURE_HEADER = "X-Test-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final Clock clock;
    private final List<SendRequest> sent = new CopyOnWriteArrayList<>();
    private final List<String> markedRead = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Function<SendRequest, SendResult> onSend;
    private volatile Function<DeliveryUpdate, DeliveryUpdate> onComplete = u -> u;
    private final List<DeliveryUpdate> completed = new CopyOnWriteArrayList<>();

    public TestChannel(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
        this.onSend = r -> SendResult.of("out-" + ids.incrementAndGet(), clock.instant());
    }

    /** Replaces what a send does (for example, throw a failure). */
    public void onSend(Function<SendRequest, SendResult> behaviour) {
        this.onSend = behaviour;
    }

    public List<SendRequest> sent() {
        return List.copyOf(sent);
    }

    /** Replaces what completing a delivery update in the worker does (by default, nothing). */
    public void onComplete(Function<DeliveryUpdate, DeliveryUpdate> behaviour) {
        this.onComplete = behaviour;
    }

    /** The delivery updates the host asked this channel to complete, in order. */
    public List<DeliveryUpdate> completed() {
        return List.copyOf(completed);
    }

    @Override
    public DeliveryUpdate completeUpdate(DeliveryUpdate update) {
        completed.add(update);
        return onComplete.apply(update);
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        return Set.of(ChannelCapability.SEND_TEXT, ChannelCapability.SEND_MEDIA, ChannelCapability.SEND_TEMPLATE,
                ChannelCapability.MARK_READ);
    }

    /** The provider ids of the customer messages marked read, in order. */
    public List<String> markedRead() {
        return List.copyOf(markedRead);
    }

    @Override
    public void markRead(dev.deskbridge.connector.api.model.PhoneNumber business, String providerMessageId) {
        markedRead.add(providerMessageId);
    }

    @Override
    public SendResult send(SendRequest request) {
        SendResult result = onSend.apply(request);
        sent.add(request);
        return result;
    }

    @Override
    public List<ChannelEvent> receive(WebhookRequest request) {
        Hmac.verify(request, SIGNATURE_HEADER, secret);
        try {
            List<ChannelEvent> events = new ArrayList<>();
            for (JsonNode e : JSON.readTree(request.body()).path("events")) {
                events.add(e.path("type").asText().equals("message") ? message(e) : status(e));
            }
            return events;
        } catch (IOException | RuntimeException e) {
            throw new WebhookRejectedException("not a test channel webhook: " + e.getMessage(),
                    WebhookRejectedException.Reason.MALFORMED_BODY, e);
        }
    }

    private static InboundMessage message(JsonNode e) {
        Optional<Referral> referral = e.path("referral").asBoolean(false)
                ? Optional.of(new Referral("ad", Optional.of("ad-1"), Optional.empty(), Optional.of("clid"),
                        Optional.empty(), Optional.empty()))
                : Optional.empty();
        return new InboundMessage(e.path("id").asText(), e.path("messageId").asText(),
                PhoneNumber.of(e.path("business").asText()), PhoneNumber.of(e.path("customer").asText()),
                Optional.ofNullable(e.path("name").textValue()), Instant.parse(e.path("sentAt").asText()),
                new MessageContent.Text(e.path("text").asText()), Optional.empty(), referral);
    }

    private static DeliveryUpdate status(JsonNode e) {
        JsonNode p = e.path("pricing");
        Optional<ProviderPricing> pricing = p.isMissingNode() ? Optional.empty()
                : Optional.of(new ProviderPricing(p.path("billable").asBoolean(), "PMP", p.path("category").asText(),
                        p.path("type").asText()));
        List<DeliveryError> errors = new ArrayList<>();
        for (JsonNode err : e.path("errors")) {
            errors.add(new DeliveryError(err.path("code").asText(), err.path("title").asText(), Optional.empty()));
        }
        return new DeliveryUpdate(e.path("id").asText(), e.path("messageId").asText(),
                PhoneNumber.of(e.path("customer").asText()),
                DeliveryStatus.valueOf(e.path("status").asText().toUpperCase(Locale.ROOT)),
                Instant.parse(e.path("at").asText()), errors, pricing, Optional.empty(), Optional.empty());
    }

    /** A webhook body with one customer text message. */
    public static String messageWebhook(String eventId, String messageId, String business, String customer,
            String text, Instant sentAt) {
        return "{\"events\":[" + messageEvent(eventId, messageId, business, customer, text, sentAt) + "]}";
    }

    public static String messageEvent(String eventId, String messageId, String business, String customer, String text,
            Instant sentAt) {
        return "{\"type\":\"message\",\"id\":\"" + eventId + "\",\"messageId\":\"" + messageId
                + "\",\"business\":\"" + business + "\",\"customer\":\"" + customer + "\",\"name\":\"Ann\","
                + "\"text\":\"" + text + "\",\"sentAt\":\"" + sentAt + "\"}";
    }

    /** A webhook body with one status update, with Meta-style pricing when {@code category} is given. */
    public static String statusWebhook(String eventId, String messageId, String customer, String status, Instant at,
            boolean billable, String category, String type) {
        String pricing = category == null ? "" : ",\"pricing\":{\"billable\":" + billable + ",\"category\":\""
                + category + "\",\"type\":\"" + type + "\"}";
        String errors = status.equals("failed") ? ",\"errors\":[{\"code\":\"131026\",\"title\":\"Message undeliverable\"}]"
                : "";
        return "{\"events\":[{\"type\":\"status\",\"id\":\"" + eventId + "\",\"messageId\":\"" + messageId
                + "\",\"customer\":\"" + customer + "\",\"status\":\"" + status + "\",\"at\":\"" + at + "\""
                + pricing + errors + "}]}";
    }

    @Override
    public void close() {}
}
