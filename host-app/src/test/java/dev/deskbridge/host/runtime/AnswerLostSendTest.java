package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A send Meta answered 2xx with a body that could not be read (the connection closed mid-body): Meta
 * took the message, so it is neither a refusal nor a dead letter. The send stays started, its retry
 * waits {@code LostAnswers.WAIT} (30 s) for Meta's status, which names the outbox id in
 * {@code biz_opaque_callback_data}; the status gives the message its wamid, and the retry sends
 * nothing. Without a status, the lost-answer rule applies: sent again and told as a possible
 * duplicate. The real Cloud API channel against WireMock, in-process host, with the engine's wait for
 * the status shortened from 30 s.
 */
class AnswerLostSendTest {
    private static final String MESSAGES = "/v23.0/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WireMockServer graph;
    /** The engine's wait for a lost answer's status, as the test's host was started with. */
    private Duration wait;

    @BeforeEach
    void startGraph() {
        graph = WireMockSupport.startLoopback();
        // The first send is taken (200) and its body cut off before the id (a chunked body cut mid-chunk may
        // instead fail as a transport error, depending on timing); later ones are answered properly.
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("answer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.")).willSetStateTo("readable"));
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("answer").whenScenarioStateIs("readable")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"12015550123\","
                                + "\"wa_id\":\"12015550123\"}],\"messages\":[{\"id\":\"wamid.SECOND\"}]}")));
    }

    @AfterEach
    void stopGraph() {
        graph.stop();
    }

    /** The customer writes, the agent answers, and the answer's first send is taken with its answer lost. */
    private long replyWhoseAnswerIsLost(HostFixture f) {
        long outboxId = replyWhoseFirstSendFails(f);
        assertThat(body(sends().get(0)).path("biz_opaque_callback_data").asText()).isEqualTo(String.valueOf(outboxId));

        String error = f.sql(c -> Jdbc.queryOne(c, "SELECT last_error FROM outbox", rs -> rs.getString(1)).orElseThrow());
        assertThat(error).startsWith("RetryableException").contains("answer was lost")
                .doesNotContain("PermanentException");
        // Still handed to Meta: the mark stays, so its status can be adopted.
        Timestamp started = f.sql(c -> Jdbc.queryOne(c, "SELECT send_started_at FROM outbox",
                rs -> rs.getTimestamp(1)).orElseThrow());
        Timestamp next = f.sql(c -> Jdbc.queryOne(c, "SELECT next_attempt_at FROM outbox",
                rs -> rs.getTimestamp(1)).orElseThrow());
        assertThat(started).isNotNull();
        assertThat(Duration.between(started.toInstant(), next.toInstant()))
                .as("retried no sooner than the wait for the status")
                .isGreaterThanOrEqualTo(wait);
        assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' AND status = 'FAILED'")).isZero();
        return outboxId;
    }

    /** The customer writes, the agent answers, and the answer's first send fails without an answer; its outbox id. */
    private long replyWhoseFirstSendFails(HostFixture f) {
        f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START));
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                .orElseThrow());
        f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Your code is 4711", f.clock.instant()));
        // Its next attempt finds the send started and waits for the status: nothing more goes out meanwhile.
        f.await("the send waiting for its status", () -> f.count("SELECT COUNT(*) FROM outbox WHERE "
                + "status = 'PENDING' AND last_error LIKE '%waiting for the provider''s status%'") == 1);
        assertThat(sends()).hasSize(1);
        return f.sql(c -> Jdbc.queryOne(c, "SELECT id FROM outbox", rs -> rs.getLong(1)).orElseThrow());
    }

    /** The retry, once the wait for the status is over. */
    private void awaitRetry(HostFixture f) {
        f.await("the outbox done", () -> f.count("SELECT COUNT(*) FROM outbox WHERE status = 'DONE'") == 1);
        f.awaitIdle();
    }

    /** The host with the wait for a lost answer's status shortened to {@code wait}. */
    private HostFixture host(Duration statusWait) {
        wait = statusWait;
        return HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph))
                .engine(HostFixture.fastEngine().withLostAnswerWait(statusWait)).start();
    }

    @Test
    void metasStatusNamingTheSendGivesItsWamidAndTheRetrySendsNothing() {
        // Long enough for the statuses below to be posted first, also on a slow machine.
        try (HostFixture f = host(Duration.ofSeconds(10))) {
            long outboxId = replyWhoseAnswerIsLost(f);

            f.postMeta(MetaWebhooks.statusOfSend("wamid.TAKEN1", CUSTOMER, "sent", f.clock.instant(),
                    String.valueOf(outboxId)));
            f.postMeta(MetaWebhooks.statusOfSend("wamid.TAKEN1", CUSTOMER, "delivered", f.clock.instant(),
                    String.valueOf(outboxId)));
            f.await("adopted and delivered", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id = 'wamid.TAKEN1' AND status = 'DELIVERED'") == 1);
            awaitRetry(f);

            assertThat(sends()).as("sends at Meta").hasSize(1);
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
            assertThat(f.notes("DELIVERY_FAILED")).isEmpty();
            assertThat(f.notes("POSSIBLE_DUPLICATE")).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM outbox WHERE provider_message_id = 'wamid.TAKEN1'")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id = 'wamid.TAKEN1' "
                    + "AND status <> 'FAILED'")).isEqualTo(1);
        }
    }

    @Test
    void withoutAStatusTheRetrySendsAgainAndTellsTheTicketItMayBeADuplicate() {
        try (HostFixture f = host(Duration.ofSeconds(5))) {
            replyWhoseAnswerIsLost(f);

            awaitRetry(f);

            assertThat(sends()).as("sends at Meta").hasSize(2);
            assertThat(f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id = 'wamid.SECOND'")).isEqualTo(1);
            assertThat(f.notes("POSSIBLE_DUPLICATE")).hasSize(1);
            assertThat(f.notes("POSSIBLE_DUPLICATE").get(0).getBodyAsString()).contains("Your code is 4711");
            assertThat(f.notes("DELIVERY_FAILED")).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    @Test
    void aLateStatusOfTheFirstCopyIsRecordedAsASecondMessageAndPricedAsTheFirst() {
        try (HostFixture f = host(Duration.ofSeconds(5))) {
            long outboxId = replyWhoseAnswerIsLost(f);
            awaitRetry(f);
            assertThat(sends()).as("sends at Meta").hasSize(2);

            // The first copy's status comes after the wait: Meta took the send twice and bills both.
            f.postMeta(MetaWebhooks.statusOfSend("wamid.FIRST", CUSTOMER, "delivered", f.clock.instant(),
                    String.valueOf(outboxId)));
            f.await("the second copy recorded", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id = 'wamid.FIRST' AND purpose = 'COPY' AND status = 'DELIVERED'") == 1);
            f.awaitIdle();

            // Before: "DeskBridge did not send it", and the ledger held one message where the provider billed two.
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT' AND status <> 'FAILED'"))
                    .isEqualTo(2);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger a JOIN cost_ledger b ON a.provider_message_id = "
                    + "'wamid.FIRST' AND b.provider_message_id = 'wamid.SECOND' AND a.quoted_meta_fee = b.quoted_meta_fee "
                    + "AND a.category = b.category AND a.usage_month = b.usage_month")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id = 'wamid.FIRST' "
                    + "AND status = 'SETTLED'")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM messages WHERE provider_message_id = 'wamid.SECOND' "
                    + "AND purpose = 'REPLY'")).as("the first message keeps its own id").isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    @Test
    void aSendWhoseConnectionDiedBeforeMetasAnswerWaitsForItsStatusAndIsNotSentAgain() {
        // Meta has the request, and the connection ends before any answer (the benchmark saw this as
        // "HTTP/1.1 header parser received no bytes"): whether Meta took it is unknown.
        graph.resetMappings();
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("cut").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("answering"));
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("cut").whenScenarioStateIs("answering")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.SECOND\"}]}")));
        try (HostFixture f = host(Duration.ofSeconds(10))) {
            long outboxId = replyWhoseFirstSendFails(f);
            assertThat(f.count("SELECT COUNT(*) FROM outbox WHERE send_started_at IS NOT NULL"))
                    .as("still handed to Meta").isEqualTo(1);

            f.postMeta(MetaWebhooks.statusOfSend("wamid.TAKEN2", CUSTOMER, "sent", f.clock.instant(),
                    String.valueOf(outboxId)));
            f.await("adopted", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id = 'wamid.TAKEN2'") == 1);
            awaitRetry(f);

            assertThat(sends()).as("sends at Meta").hasSize(1);
            assertThat(f.notes("POSSIBLE_DUPLICATE")).isEmpty();
            assertThat(f.notes("DELIVERY_FAILED")).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    private List<LoggedRequest> sends() {
        return graph.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    private static JsonNode body(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
