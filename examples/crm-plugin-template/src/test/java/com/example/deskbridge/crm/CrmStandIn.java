package com.example.deskbridge.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.CrmProbe;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.connector.testkit.fixtures.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEMPLATE: the JSON CRM as the contract suite sees it: a stand-in that remembers tickets and
 * comments, keeps one write per {@code eventId}/{@code noticeId} (as the CRM's API promises), and
 * signs a webhook for any comment. Replace it with a stand-in of your CRM's API.
 */
final class CrmStandIn implements CrmProbe, AutoCloseable {
    private static final Pattern TICKET_PART = Pattern.compile("/api/tickets/([^/]+)/(status|deliveries|notes)");

    private record Comment(String id, String ticket, String text, boolean note, String author, Instant at) {}

    final WireMockServer server = WireMockSupport.startStateful(this::handle);
    private final Map<String, String> ticketByConversation = new HashMap<>();
    private final Map<String, String> conversationByTicket = new HashMap<>();
    private final Set<String> writeIds = new HashSet<>();
    private final List<Comment> comments = new ArrayList<>();
    private int next = 1;

    Map<String, String> settings() {
        return Map.of("base_url", WireMockSupport.baseUrl(server), "api_key", CrmStub.API_KEY,
                "webhook_secret", CrmStub.WEBHOOK_SECRET);
    }

    private synchronized ResponseDefinition handle(Request request) {
        JsonNode body = json(request.getBodyAsString());
        String path = request.getUrl();
        if (path.equals("/api/messages")) {
            String ticket = body.path("ticketId").isTextual() ? body.path("ticketId").asText()
                    : ticketByConversation.computeIfAbsent(body.path("conversationId").asText(), c -> "T-" + next++);
            conversationByTicket.putIfAbsent(ticket, body.path("conversationId").asText());
            if (writeIds.add("message:" + body.path("eventId").asText())) {
                comments.add(new Comment("c-" + next++, ticket, body.path("text").asText(), false, "deskbridge",
                        Fixtures.NOW));
            }
            return ok("{\"ticketId\":\"" + ticket + "\"}");
        }
        Matcher m = TICKET_PART.matcher(path);
        if (m.matches()) {
            if (m.group(2).equals("notes") && writeIds.add("note:" + body.path("noticeId").asText())) {
                comments.add(new Comment("c-" + next++, m.group(1), body.path("text").asText(), true, "deskbridge",
                        Fixtures.NOW));
            }
            return ok("{}");
        }
        return aResponse().withStatus(404).withBody("{\"error\":\"not found\"}").build();
    }

    @Override
    public synchronized List<CrmProbe.Comment> comments(TicketRef ticket) {
        return comments.stream().filter(c -> c.ticket().equals(ticket.id()))
                .map(c -> new CrmProbe.Comment(c.text(), c.note())).toList();
    }

    @Override
    public synchronized void agentAnswers(TicketRef ticket, String text) {
        comments.add(new Comment("c-" + next++, ticket.id(), text, false, "Bea Agent", Fixtures.NOW));
    }

    /** The CRM signs a webhook for every public comment, DeskBridge's own too; notes send none. */
    @Override
    public synchronized Optional<WebhookRequest> webhookForNewestComment(TicketRef ticket) {
        return comments.stream().filter(c -> c.ticket().equals(ticket.id())).reduce((a, b) -> b)
                .filter(c -> !c.note())
                .map(c -> CrmStub.signed("{\"eventId\":\"" + c.id() + "\",\"ticketId\":\"" + c.ticket()
                        + "\",\"conversationId\":\"" + conversationByTicket.getOrDefault(c.ticket(), "") + "\","
                        + "\"author\":\"" + c.author() + "\",\"text\":\"" + c.text() + "\",\"writtenAt\":\"" + c.at()
                        + "\"}", Fixtures.NOW, CrmStub.WEBHOOK_SECRET));
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isEmpty() ? CrmHttp.JSON.createObjectNode() : CrmHttp.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinition ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
