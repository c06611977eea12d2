package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.CrmProbe;
import dev.deskbridge.connector.testkit.WebhookRequests;
import dev.deskbridge.connector.testkit.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-memory CRM for the test kit's own tests: tickets per conversation, comments with the
 * marker of the write that made them, signed webhooks. Found by name, so a connector instantiated
 * by the suite reaches the CRM its test set up.
 */
final class FakeCrm implements CrmProbe {
    static final String DESKBRIDGE = "deskbridge";
    static final String SIGNATURE_HEADER = "X-Fake-Signature";
    private static final Map<String, FakeCrm> BY_NAME = new ConcurrentHashMap<>();

    /** One comment: who wrote it, and the marker of the DeskBridge write that made it. */
    record Stored(long id, String ticket, String text, boolean note, String author, Optional<String> marker) {}

    final String name;
    final String webhookSecret;
    volatile boolean down;
    private final Map<String, String> ticketByConversation = new LinkedHashMap<>();
    private final List<Stored> comments = new ArrayList<>();
    private final List<String> deliveries = new ArrayList<>();
    private long nextId = 100;

    private FakeCrm(String name, String webhookSecret) {
        this.name = name;
        this.webhookSecret = webhookSecret;
    }

    static FakeCrm create(String name, String webhookSecret) {
        FakeCrm crm = new FakeCrm(name, webhookSecret);
        BY_NAME.put(name, crm);
        return crm;
    }

    static FakeCrm named(String name) {
        FakeCrm crm = BY_NAME.get(name);
        if (crm == null) {
            throw new IllegalStateException("no fake CRM named " + name);
        }
        return crm;
    }

    // ---- the CRM's API, as a session calls it

    synchronized String ticketFor(String conversation) {
        up();
        return ticketByConversation.computeIfAbsent(conversation, c -> "T-" + nextId++);
    }

    synchronized boolean hasMarker(String ticket, String marker) {
        up();
        return comments.stream().anyMatch(c -> c.ticket().equals(ticket) && c.marker().equals(Optional.of(marker)));
    }

    synchronized boolean hasText(String ticket, String text) {
        up();
        return comments.stream().anyMatch(c -> c.ticket().equals(ticket) && c.text().equals(text));
    }

    synchronized long write(String ticket, String text, boolean note, String author, Optional<String> marker) {
        up();
        long id = nextId++;
        comments.add(new Stored(id, ticket, text, note, author, marker));
        return id;
    }

    synchronized void recordDelivery(String ticket, String what) {
        up();
        deliveries.add(ticket + " " + what);
    }

    synchronized Optional<Stored> comment(long id) {
        up();
        return comments.stream().filter(c -> c.id() == id).findFirst();
    }

    synchronized List<Stored> all() {
        up();
        return List.copyOf(comments);
    }

    private void up() {
        if (down) {
            throw new RetryableException("fake CRM " + name + " is down");
        }
    }

    // ---- the probe

    @Override
    public synchronized List<Comment> comments(TicketRef ticket) {
        return comments.stream().filter(c -> c.ticket().equals(ticket.id()))
                .map(c -> new Comment(c.text(), c.note())).toList();
    }

    @Override
    public void agentAnswers(TicketRef ticket, String text) {
        write(ticket.id(), text, false, "Bea Agent", Optional.empty());
    }

    @Override
    public synchronized Optional<WebhookRequest> webhookForNewestComment(TicketRef ticket) {
        return comments.stream().filter(c -> c.ticket().equals(ticket.id())).reduce((a, b) -> b)
                .map(c -> signed("{\"ticketId\":\"" + c.ticket() + "\",\"commentId\":" + c.id() + "}"));
    }

    WebhookRequest signed(String body) {
        return WebhookRequests.post("https://deskbridge.example/webhooks/crms/fake")
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, sign(webhookSecret, body.getBytes(StandardCharsets.UTF_8)))
                .receivedAt(Fixtures.NOW)
                .body(body).build();
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
