package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's reply longer than WhatsApp takes in one text (4,096 characters, the Cloud API's
 * {@code text.body}) goes out in parts, in order, each quoted and counted. The real Cloud API
 * channel against WireMock, in-process host.
 */
class LongReplyTest {
    private static final String MESSAGES = "/v23.0/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WireMockServer graph;

    @BeforeEach
    void startGraph() {
        graph = WireMockSupport.startLoopback();
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.{{randomValue length=20 "
                        + "type='ALPHANUMERIC'}}\"}]}")
                .withTransformers("response-template")));
        // As Meta answers a text over its limit (TextMessage.body maxLength: 4096).
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.text.body", matching("(?s).{4097,}")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#100) Param text['body'] must be at most 4096 characters "
                                + "long.\",\"type\":\"OAuthException\",\"code\":100,\"fbtrace_id\":\"A1\"}}")));
    }

    @AfterEach
    void stopGraph() {
        graph.stop();
    }

    /** 9,000 characters of paragraphs, with emoji (surrogate pairs) throughout. */
    static String longReply() {
        StringBuilder text = new StringBuilder();
        for (int p = 1; text.length() < 9000; p++) {
            text.append("Paragraph ").append(p).append(": ");
            for (int w = 0; w < 60; w++) {
                text.append(w % 7 == 6 ? "\uD83D\uDE00 " : "step" + w + " ");
            }
            text.append("\n\n");
        }
        return text.substring(0, 9000);
    }

    /** The text bodies Meta was asked to send, in the order asked. */
    private List<String> sentTexts() {
        return graph.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream().map(r -> {
            try {
                JsonNode body = JSON.readTree(r.getBodyAsString());
                return body.path("type").asText().equals("text") ? body.path("text").path("body").asText() : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(java.util.Objects::nonNull).toList();
    }

    private static void assertParts(List<String> parts, String reply) {
        assertThat(parts).hasSize(3);
        assertThat(String.join("", parts)).isEqualTo(reply);
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
            assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
        }
        // Each part but the last ends at a paragraph's break, near its limit.
        assertThat(parts.get(0)).endsWith("\n\n");
        assertThat(parts.get(0).length()).isGreaterThan(3072);
    }

    private static String ticket(HostFixture f) {
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void aReplyOfNineThousandCharactersGoesOutAsThreeMessagesInOrder() {
        try (HostFixture f = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph)).start()) {
            f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START));
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            String reply = longReply();

            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket(f), reply, f.clock.instant()));
            // Before: one body of 9,000 characters, which Meta refuses (#100): a dead letter.
            f.await("three sent", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id IS NOT NULL") == 3);
            f.awaitIdle();
            assertParts(sentTexts(), reply);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT'")).isEqualTo(3);
            f.await("agents told", () -> f.notes("REPLY_SPLIT").size() == 1);
            assertThat(f.notes("REPLY_SPLIT").get(0).getBodyAsString()).contains("9000 characters")
                    .contains("(4096)").contains("3 messages, in order").contains("each is free");
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    @Test
    void aHeldLongReplyIsSplitTheSameWayAndSentInOrderOnceTheCustomerAnswers() {
        try (HostFixture f = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph)).start()) {
            f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START));
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            String reply = longReply();

            f.clock.set(HostFixture.START.plus(Duration.ofHours(26)));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket(f), reply, f.clock.instant()));
            f.await("held", () -> f.notes("REPLY_HELD").size() == 1);
            assertThat(sentTexts()).isEmpty();

            f.clock.set(HostFixture.START.plus(Duration.ofHours(26)).plusSeconds(300));
            f.postMeta(MetaWebhooks.text("wamid.IN2", CUSTOMER, "Yes", f.clock.instant()));
            f.await("held parts sent", () -> sentTexts().size() == 3 && f.count("SELECT COUNT(*) FROM messages WHERE "
                    + "direction = 'OUT' AND purpose = 'HELD_REPLY' AND provider_message_id IS NOT NULL") == 3);
            f.awaitIdle();
            assertParts(sentTexts(), reply);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT'")).isEqualTo(4);
            assertThat(f.notes("REPLY_SPLIT")).singleElement().satisfies(n -> assertThat(n.getBodyAsString())
                    .contains("3 messages, in order, once the customer answers"));
            assertThat(f.notes("HELD_REPLY_SENT")).hasSize(3);
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    /** An Australian customer in November 2026, whose service replies the golden card bills at 0.0050 USD each. */
    private static final String AU_CUSTOMER = "+61412345678";
    private static final java.time.Instant NOV_2026 = java.time.Instant.parse("2026-11-02T10:00:00Z");

    private HostFixture billedHost(String budget) {
        HostFixture.Options o = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph))
                .budget(dev.deskbridge.connector.api.pricing.Money.of(budget, "USD"));
        o.clock().set(NOV_2026);
        return o.start();
    }

    @Test
    void aReplyOfMoreThanTenPartsIsRefusedWithANote() {
        try (HostFixture f = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph)).start()) {
            f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START));
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            String pasted = longReply().repeat(5); // 45,000 characters: 11 or more messages, each billed

            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket(f), pasted, f.clock.instant()));
            f.await("agents told", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString()).contains("45000 characters")
                    .contains("at most 10").contains("attach the text as a document");
            assertThat(sentTexts()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    @Test
    void aReplyWhosePartsTheBudgetCannotAllTakeIsRefusedWhole() {
        try (HostFixture f = billedHost("0.0100")) {
            f.postMeta(MetaWebhooks.text("wamid.IN1", AU_CUSTOMER, "Hi", NOV_2026));
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);

            // Three parts at 0.0050 each: two would fit, the third not.
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket(f), longReply(), f.clock.instant()));
            f.await("refused", () -> f.notes("REPLY_REFUSED_BUDGET").size() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_BUDGET").get(0).getBodyAsString()).contains("costs 0.0150 USD");
            assertThat(sentTexts()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT'")).isZero();
        }
    }

    /** The templates Meta was asked to send. */
    private long sentTemplates() {
        return graph.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
                .filter(r -> r.getBodyAsString().contains("\"type\":\"template\"")).count();
    }

    private static String ticketOf(HostFixture f, String customer) {
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations WHERE customer = ?",
                rs -> rs.getString(1), customer).orElseThrow());
    }

    /** The customer wrote, and 26 hours later (the window closed) an agent answers with a long reply. */
    private static void lateLongReply(HostFixture f) {
        f.postMeta(MetaWebhooks.text("wamid.IN1", AU_CUSTOMER, "Hi", NOV_2026));
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        f.clock.set(NOV_2026.plus(Duration.ofHours(26)));
        f.postCrm(HttpJsonCrm.replyWebhook("r1", ticketOf(f, AU_CUSTOMER), longReply(), f.clock.instant()));
    }

    @Test
    void aLongReplyTheBudgetCouldNotReleaseIsRefusedBeforeTheReengagementTemplateIsPaid() {
        try (HostFixture f = billedHost("0.0240")) {
            // The re-engagement template (AU utility, 0.0100) fits; with the three parts it is sent for (0.0150), not.
            lateLongReply(f);
            // Before: the template went out and the reply was held, to be refused by the budget once the
            // customer answered: a template paid for, and nothing for the customer.
            f.await("refused", () -> f.notes("REPLY_REFUSED_BUDGET").size() + f.notes("REPLY_HELD").size() > 0);
            f.awaitIdle();
            assertThat(f.notes("REPLY_HELD")).isEmpty();
            assertThat(f.notes("REPLY_REFUSED_BUDGET")).singleElement().satisfies(n -> assertThat(n.getBodyAsString())
                    .contains("monthly budget of 0.0240 USD").contains("the re-engagement template (0.0100 USD)")
                    .contains("3 messages, 0.0150 USD").contains("cost 0.0250 USD")
                    .contains("The re-engagement template was not sent and the reply is not held."));
            assertThat(sentTemplates()).isZero();
            assertThat(sentTexts()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM held_replies")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT'")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    @Test
    void aLongReplyTheBudgetCanReleaseIsHeldAndTheReengagementTemplateSent() {
        try (HostFixture f = billedHost("0.0250")) {
            lateLongReply(f);
            f.await("held", () -> f.notes("REPLY_HELD").size() == 1);
            f.await("template sent", () -> sentTemplates() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_BUDGET")).isEmpty();
            assertThat(sentTexts()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM held_replies WHERE released_at IS NULL")).isEqualTo(1);
        }
    }

    @Test
    void aHeldLongReplyTheBudgetCannotTakeWholeWhenTheCustomerAnswersIsNotSentInPart() {
        try (HostFixture f = billedHost("0.0250")) {
            // Held with the budget for the template (0.0100) and its three parts (0.0150) to come...
            lateLongReply(f);
            f.await("held", () -> f.notes("REPLY_HELD").size() == 1);
            // ...which another customer's answer (0.0050) then takes part of.
            String other = "+61412345679";
            f.postMeta(MetaWebhooks.text("wamid.OTHER", other, "Hello", f.clock.instant()));
            f.await("other ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 2);
            f.postCrm(HttpJsonCrm.replyWebhook("r2", ticketOf(f, other), "Hello!", f.clock.instant()));
            f.await("other answered", () -> sentTexts().size() == 1);
            f.clock.set(NOV_2026.plus(Duration.ofHours(26)).plusSeconds(300));
            f.postMeta(MetaWebhooks.text("wamid.IN2", AU_CUSTOMER, "Yes", f.clock.instant()));
            // Before: the first two parts went out and the third was refused, half an answer.
            f.await("refused", () -> f.notes("REPLY_REFUSED_BUDGET").size() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_BUDGET").get(0).getBodyAsString()).contains("costs 0.0150 USD")
                    .contains("The held reply (3 messages) was not sent.");
            assertThat(sentTexts()).containsExactly("Hello!");
            assertThat(f.count("SELECT COUNT(*) FROM held_replies WHERE released_at IS NULL")).isZero();
        }
    }
}
