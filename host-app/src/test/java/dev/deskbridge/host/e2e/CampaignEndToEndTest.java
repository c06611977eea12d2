package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's campaigns end to end: {@code deskbridge campaign send} against {@code deskbridge run}
 * (built Zendesk plugin, built-in WhatsApp Cloud channel) with Meta's Graph API as a WireMock stub
 * whose sends each get a wamid of their own. The file is checked in full before anything is sent;
 * the pace is measured on the stub's own timestamps; every recipient is counted at the stub.
 */
class CampaignEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private static final String MESSAGES = "/" + MetaStub.VERSION + "/" + HostFixture.META_PHONE_NUMBER_ID
            + "/messages";
    /**
     * The build runs a smaller campaign at a modest pace, which a loaded build machine still carries;
     * {@code -Dcampaign.recipients=10000 -Dcampaign.rate=N} runs the full size.
     */
    private static final int RECIPIENTS = Integer.getInteger("campaign.recipients", 2_000);
    private static final int RATE = Integer.getInteger("campaign.rate", 40);

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private final HttpClient http = HttpClient.newHttpClient();
    private MetaStub meta;
    private ZendeskApiStub zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws java.io.IOException {
        meta = MetaStub.start();
        meta.acceptSendsWithUniqueIds();
        zendesk = new ZendeskApiStub();
        host = RunningHost.start(home, config(), Map.of(
                "WHATSAPP_ACCESS_TOKEN", MetaStub.ACCESS_TOKEN,
                "WHATSAPP_APP_SECRET", HostFixture.META_APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", MetaStub.VERIFY_TOKEN,
                "ZENDESK_API_TOKEN", "zd-api-token-0123456789",
                "ZENDESK_WEBHOOK_SECRET", "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==",
                "DESKBRIDGE_ADMIN_TOKEN", ADMIN_TOKEN), clock, TestJars.realPlugin("deskbridge-zendesk"));
        probe = host.probe();
        new TemplateCatalogue(host.database()).replace("wa-main", List.of(new TemplateDefinition("1001",
                "order_shipped", "order_shipped", "en_US", TemplateStatus.APPROVED, Optional.of(TemplateCategory.UTILITY),
                ParameterFormat.POSITIONAL, "Hi {{1}}, order {{2}} has shipped.", List.of("1", "2"), Optional.empty(),
                List.of(), List.of(), "[]")), T0);
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, meta, zendesk);
    }

    private String config() {
        return RunningHost.hostSections().replace("host:\n", "host:\n  admin_token: ${DESKBRIDGE_ADMIN_TOKEN}\n")
                .replace("engine: { workers: 2,", "engine: { workers: 4,")
                + WhatsAppTraffic.channelSection(meta.baseUrl()).replace("base_url:", "messages_per_second: 1000\n      base_url:")
                + zendesk.crmAndRouteSections();
    }

    @Test
    void aCampaignIsCheckedFirstThenPacedSentOnceEachAndReportedAsTheLedgerHasIt()
            throws Exception {
        // Three bad rows: nothing is stored or sent until they are fixed or skipped.
        StringBuilder csv = new StringBuilder("to,1,2\n");
        for (int i = 0; i < RECIPIENTS; i++) {
            csv.append(number(i)).append(",Customer ").append(i).append(",A-").append(i).append('\n');
        }
        csv.append("+49 151 0000,Bad,A-x\n");           // line RECIPIENTS + 2
        csv.append(number(7)).append(",Again,A-7\n");  // line RECIPIENTS + 3: a second row for one number
        csv.append("+4915199999999,Only one\n");        // line RECIPIENTS + 4: parameter 2 missing
        Path file = Files.writeString(home.resolve("recipients.csv"), csv);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(probe.baseUrl()
                + "/api/campaigns?template=order_shipped")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode bad = JSON.readTree(refused.body());
        assertThat(bad.path("badRows").findValuesAsText("line")).containsExactly(String.valueOf(RECIPIENTS + 2),
                String.valueOf(RECIPIENTS + 3), String.valueOf(RECIPIENTS + 4));
        assertThat(bad.path("badRows").get(1).path("message").asText()).contains("same number as line 9");
        assertThat(probe.count("SELECT COUNT(*) FROM campaigns")).isZero();
        assertThat(meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();

        long started = System.nanoTime();
        String printed = host.cli("campaign", "send", "--url", probe.baseUrl(), "--template", "order_shipped",
                "--recipients", file.toString(), "--skip-invalid", "--yes", "--rate", String.valueOf(RATE));
        double seconds = (System.nanoTime() - started) / 1e9;
        BigDecimal planned = new BigDecimal("0.0550").multiply(BigDecimal.valueOf(RECIPIENTS));
        assertThat(printed).contains(RECIPIENTS + " recipients (3 bad rows skipped), total quote "
                + planned.toPlainString() + " USD",
                "DE utility: " + RECIPIENTS, "sent " + RECIPIENTS, "failed 0");

        // At the stub: every recipient exactly once.
        List<LoggedRequest> sends = meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
        Map<String, Long> perRecipient = sends.stream().collect(Collectors.groupingBy(r -> to(r), Collectors.counting()));
        assertThat(perRecipient).hasSize(RECIPIENTS);
        assertThat(perRecipient.values()).allMatch(n -> n == 1);

        // The pace, on the stub's own clock, leaving out the first and last 5 %.
        List<Long> at = sends.stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        int from = at.size() / 20;
        int to = at.size() - 1 - at.size() / 20;
        double rate = (to - from) * 1000.0 / (at.get(to) - at.get(from));
        System.out.printf("CampaignEndToEndTest: %d recipients at a configured %d/s: %.1f/s at the stub (middle 90 %%),"
                + " %.1f s for the command%n", RECIPIENTS, RATE, rate, seconds);
        // Never faster than the pace. Whether it reaches the pace depends on the machine: the outbox
        // makes every send durable twice, and on a loaded machine it carries less than the pace
        // (the runner then holds back rather than pile up sends), so the lower bound is only printed.
        assertThat(rate).as("messages per second at the stub").isLessThanOrEqualTo(RATE * 1.05);
        if (rate < RATE * 0.95) {
            System.out.printf("CampaignEndToEndTest: below the configured pace by %.0f %% on this machine%n",
                    100 * (1 - rate / RATE));
        }

        // Some are delivered and billed: the report's totals are the ledger's.
        List<String> wamids = probe.sql(c -> Jdbc.query(c, "SELECT provider_message_id FROM messages WHERE "
                + "direction = 'OUT' ORDER BY id LIMIT 50", rs -> rs.getString(1)));
        for (String wamid : wamids) {
            String customer = "+" + wamid.substring("wamid.".length(), wamid.lastIndexOf('.'));
            postMeta(MetaWebhooks.status(wamid, customer, "delivered", T0.plusSeconds(60), true, "utility", "regular"));
        }
        probe.await("50 settled", () -> probe.count("SELECT COUNT(*) FROM cost_ledger WHERE status = 'SETTLED'") == 50);
        String id = probe.sql(c -> Jdbc.queryOne(c, "SELECT id FROM campaigns", rs -> rs.getString(1)).orElseThrow());
        JsonNode report = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(probe.baseUrl() + "/api/campaigns/"
                + id)).header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(report.path("messages").path("delivered").asLong()).isEqualTo(50);
        BigDecimal ledger = probe.sql(c -> LedgerQueries.monthSpend(c, YearMonth.of(2026, 11),
                Currency.getInstance("USD"))).amount();
        BigDecimal settled = probe.sql(c -> Jdbc.queryOne(c, "SELECT SUM(settled_meta_fee) FROM cost_ledger",
                rs -> rs.getBigDecimal(1)).orElseThrow());
        assertThat(new BigDecimal(report.path("quoted").path("amount").asText())).isEqualByComparingTo(ledger)
                .isEqualByComparingTo(planned);
        assertThat(new BigDecimal(report.path("settled").path("amount").asText())).isEqualByComparingTo(settled)
                .isEqualByComparingTo("2.75");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    private static String number(int i) {
        return "+49151" + String.format("%08d", 10_000_000 + i);
    }

    private static String to(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString()).path("to").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void postMeta(String json) {
        HttpResponse<String> r = probe.post("/webhooks/channels/wa-main", "application/json", Map.of(
                "X-Hub-Signature-256", Hmac.sign(HostFixture.META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8))),
                json);
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
