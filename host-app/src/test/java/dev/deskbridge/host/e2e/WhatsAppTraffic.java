package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The WhatsApp side of the issue-12 end-to-end tests: customers' messages through the Cloud API
 * channel, every webhook sent three times (two at once), Meta's Graph API as WireMock giving each
 * send its own wamid, statuses out of order, and the checks that sends and ledger rows match.
 */
final class WhatsAppTraffic implements AutoCloseable {
    static final PhoneNumber BUSINESS = PhoneNumber.of(HostFixture.BUSINESS);
    static final String MESSAGES = "/" + MetaStub.VERSION + "/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetaStub meta;
    private final ExecutorService senders = Executors.newFixedThreadPool(4);
    private HostProbe probe;

    WhatsAppTraffic() {
        meta = MetaStub.start();
        meta.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"messaging_product\": \"whatsapp\", "
                        + "\"contacts\": [{\"input\": \"{{jsonPath request.body '$.to'}}\", \"wa_id\": "
                        + "\"{{jsonPath request.body '$.to'}}\"}], \"messages\": [{\"id\": "
                        + "\"wamid.out-{{randomValue length=16 type='ALPHANUMERIC'}}\"}]}")
                .withTransformers("response-template")));
    }

    /**
     * Meta takes the next send (it is recorded like any other) and its answer is lost as {@code how}
     * says, so the host cannot read the wamid; later sends are answered as before.
     */
    void takeNextSendAndLoseItsAnswer(LostAnswer how) {
        meta.server().stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1).inScenario("answer lost")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(how == LostAnswer.CUT_OFF
                        ? aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.")
                        : aResponse().withFault(Fault.EMPTY_RESPONSE))
                .willSetStateTo("lost once"));
    }

    /** How Meta's answer to a send it took is lost. */
    enum LostAnswer {
        /** A 200 whose body ends before the message id. */
        CUT_OFF,
        /** The connection ends before any answer ("HTTP/1.1 header parser received no bytes"). */
        NO_ANSWER
    }

    /** The host's environment for the channel's secrets. */
    static Map<String, String> channelEnvironment() {
        return Map.of("WHATSAPP_ACCESS_TOKEN", MetaStub.ACCESS_TOKEN,
                "WHATSAPP_APP_SECRET", HostFixture.META_APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", MetaStub.VERIFY_TOKEN);
    }

    /** The {@code channels:} section: channel {@code wa-main} against this Graph API stub. */
    String channelSection() {
        return channelSection(meta.baseUrl());
    }

    /** The {@code channels:} section: channel {@code wa-main} against the Graph API at {@code graphApi}. */
    static String channelSection(String graphApi) {
        return """
                channels:
                  - id: wa-main
                    type: whatsapp-cloud
                    config:
                      phone_number_id: "%s"
                      business_number: "%s"
                      access_token: ${WHATSAPP_ACCESS_TOKEN}
                      app_secret: ${WHATSAPP_APP_SECRET}
                      verify_token: ${WHATSAPP_VERIFY_TOKEN}
                      base_url: %s
                """.formatted(HostFixture.META_PHONE_NUMBER_ID, HostFixture.BUSINESS, graphApi);
    }

    void lookThrough(HostProbe hostProbe) {
        this.probe = hostProbe;
    }

    /** The customer's n-th message, sent three times. */
    void customerWrites(PhoneNumber customer, int n, String text, Instant at) {
        sendThreeTimes(this::postMeta, MetaWebhooks.text("wamid.IN-" + customer.digits() + "-" + n, customer.e164(),
                text, at));
    }

    /** Posts a webhook twice at once, then once more; each must be answered 200. */
    void sendThreeTimes(Function<String, HttpResponse<String>> post, String body) {
        List<CompletableFuture<HttpResponse<String>>> first = List.of(
                CompletableFuture.supplyAsync(() -> post.apply(body), senders),
                CompletableFuture.supplyAsync(() -> post.apply(body), senders));
        for (CompletableFuture<HttpResponse<String>> f : first) {
            assertThat(f.join().statusCode()).as("answer to %s", body).isEqualTo(200);
        }
        assertThat(post.apply(body).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> postMeta(String json) {
        return probe.post("/webhooks/channels/wa-main", "application/json", Map.of("X-Hub-Signature-256",
                Hmac.sign(HostFixture.META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8))), json);
    }

    /** The bodies of every send Meta received. */
    List<JsonNode> sends() {
        return meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
                .map(r -> json(r.getBodyAsString())).toList();
    }

    /** The texts sent to one customer. */
    List<String> textsTo(PhoneNumber customer) {
        return sends().stream().filter(b -> b.path("to").asText().equals(customer.digits()))
                .map(b -> b.path("text").path("body").asText()).toList();
    }

    /** Waits until {@code expected} sends went out and the outbox is empty. */
    void awaitSends(int expected) {
        probe.await("every reply sent", () -> sends().size() >= expected
                && probe.count("SELECT COUNT(*) FROM outbox WHERE status <> 'DONE'") == 0);
    }

    /**
     * Reports every send read, delivered and sent (in that order, each three times, with Meta's
     * free service pricing), waits until the ledger is settled, and checks it row by row against
     * what Meta answered.
     */
    void settleOutOfOrderAndCheckTheLedger(List<PhoneNumber> customers, Instant at, int expectedSends) {
        List<String> wamids = new ArrayList<>();
        for (PhoneNumber customer : customers) {
            Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
            probe.await("sends ledgered", () -> probe.ledger(conversation.id()).stream()
                    .filter(e -> e.direction().equals("OUT")).allMatch(e -> e.providerMessageId().isPresent()));
            for (LedgerEntry e : probe.ledger(conversation.id())) {
                String wamid = e.providerMessageId().orElseThrow();
                wamids.add(wamid);
                for (String status : List.of("read", "delivered", "sent")) {
                    sendThreeTimes(this::postMeta, MetaWebhooks.status(wamid, customer.e164(), status, at, false,
                            "service", "free_customer_service"));
                }
            }
        }
        probe.await("every send settled", () -> probe.count("SELECT COUNT(*) FROM cost_ledger WHERE status <> "
                + "'SETTLED'") == 0 && probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);
        List<String> sentWamids = meta.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(MESSAGES))
                .map(e -> json(e.getResponse().getBodyAsString()).path("messages").path(0).path("id").asText())
                .toList();
        assertThat(sentWamids).hasSize(expectedSends);
        assertThat(wamids).as("ledger rows, one per send").containsExactlyInAnyOrderElementsOf(sentWamids);
        assertThat(probe.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT'")).isEqualTo(expectedSends);
        for (PhoneNumber customer : customers) {
            Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
            assertThat(probe.ledger(conversation.id())).allSatisfy(e -> {
                // Settled as the statuses' pricing says: free customer service.
                assertThat(e.providerBillable()).contains(false);
                assertThat(e.settledMetaFee()).hasValueSatisfying(v -> assertThat(v).isZero());
            });
        }
    }

    /** Waits until {@code expected} customer messages are handled and nothing else is pending. */
    void awaitCustomerMessagesHandled(int expected) {
        probe.await("every customer message handled", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE "
                + "event_type = 'CUSTOMER_MESSAGE' AND status = 'DONE'") == expected
                && probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);
    }

    /** Waits until the customer's conversation has its ticket; says what the inbox holds if not. */
    Conversation awaitTicket(PhoneNumber customer) {
        try {
            probe.await("ticket of " + customer, () -> probe.conversation(BUSINESS, customer)
                    .flatMap(Conversation::ticket).isPresent());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; inbox: " + probe.sql(c -> dev.deskbridge.host.store.Jdbc
                    .query(c, "SELECT event_type, status, attempts, last_error FROM inbox ORDER BY id",
                            rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " "
                                    + rs.getString(4))), e);
        }
        return probe.conversation(BUSINESS, customer).orElseThrow();
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        meta.close();
    }
}
