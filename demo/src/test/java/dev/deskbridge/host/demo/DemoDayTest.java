package dev.deskbridge.host.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.host.demo.whatsapp.SentMessage;
import dev.deskbridge.host.demo.zendesk.ZendeskTicketView;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.reports.CostLine;
import dev.deskbridge.host.reports.CostReport;
import dev.deskbridge.host.store.Jdbc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's support day through the real host (plugins loaded from files, H2 database, engine,
 * HTTP server) against the stand-ins: what the story says, what lands in Zendesk, what goes out to
 * WhatsApp, and a cost report whose totals are the ledger's sums.
 */
class DemoDayTest {
    @TempDir
    Path dir;

    @Test
    void theSupportDayLeavesTicketsSendsAndALedgerThatAddUp() throws Exception {
        TestJars.copyRealPlugins(dir.resolve("plugins"));
        StringWriter printed = new StringWriter();
        Demo.Settings settings = new Demo.Settings(dir, dir.resolve("plugins"), dir.resolve("data"), 0,
                Demo.class.getClassLoader(), Duration.ofSeconds(90));
        try (Demo demo = Demo.start(settings, new Narrator(new PrintWriter(printed, true)))) {
            SupportDay.Result day = demo.playDay();
            CostReport report = demo.report();

            assertStory(printed.toString());
            assertTickets(demo, day);
            assertSends(demo);
            assertReportIsTheLedger(demo, report);
            assertDashboardServesTheDay(demo);
        }
    }

    /** The host serves the dashboard and the admin API over the day's data; the token is in the printed address. */
    private static void assertDashboardServesTheDay(Demo demo) throws Exception {
        String url = demo.dashboardUrl();
        assertThat(url).startsWith(demo.host().host().localUrl() + "/#token=");
        String token = url.substring(url.indexOf("#token=") + "#token=".length());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(demo.host().host().localUrl() + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        URI conversations = URI.create(demo.host().host().localUrl() + "/api/conversations");
        assertThat(http.send(HttpRequest.newBuilder(conversations).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(conversations)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(api.body());
        assertThat(body.path("asOf").asText()).isEqualTo("2026-11-11T17:00:00Z");
        assertThat(body.path("conversations")).hasSize(4);
    }

    private static void assertStory(String story) {
        assertThat(story)
                .contains("Zendesk setup")
                .contains("CREATE trigger")
                .contains("Ana Souza (+5511987654321, Brazil) writes on WhatsApp")
                .contains("sent to WhatsApp as free-form text")
                .contains("free, 0.00 USD (service, free_customer_service, market BR)")
                .contains("Window-closing warning on ticket #2 (Bernd Keller)")
                .contains("re-engagement template reengage_v1 sent instead")
                .contains("quoted 0.0550 USD (utility, regular, market DE)")
                .contains("the reply held for Bernd goes out now as free-form text")
                .contains("free entry point window open until Fri 13 Nov 09:30 UTC")
                .contains("free, 0.00 USD (referral_conversion, free_entry_point, market IN)")
                .contains("Meta reports failed (131026 Message undeliverable): quoted 0.0220 USD, settled at 0.00 USD")
                .contains("Totals checked against the ledger: 7 messages, quoted 0.0770 USD, spent 0.0550 USD");
        // The day is told in order.
        assertThat(story.indexOf("Tuesday 10 November 2026")).isLessThan(story.indexOf("Wednesday 11 November 2026"));
        assertThat(story.indexOf("Window-closing warning on ticket #2"))
                .isLessThan(story.indexOf("re-engagement template reengage_v1 sent instead"));
    }

    private static void assertTickets(Demo demo, SupportDay.Result day) {
        List<ZendeskTicketView> tickets = demo.zendesk().tickets();
        assertThat(tickets).extracting(ZendeskTicketView::requester)
                .containsExactly("Ana Souza", "Bernd Keller", "Chitra Rao", "Dave Murray");
        assertThat(day.ticketsByCustomer()).containsEntry("Ana Souza", tickets.get(0).id());
        tickets.forEach(t -> assertThat(t.tags()).contains("whatsapp"));
        tickets.forEach(t -> assertThat(t.externalId()).isPresent());

        ZendeskTicketView ana = tickets.get(0);
        assertThat(ana.requesterPhone()).contains("+5511987654321");
        assertThat(ana.publicComments()).extracting(ZendeskTicketView.Comment::authorRole)
                .containsExactly("end-user", "agent");
        assertThat(ana.publicComments().get(0).body()).isEqualTo("Hi! Can I still change the delivery address for order #4711?");
        // The day ends after her window did: the ticket says so (before, it kept wa_window_open for good).
        assertThat(ana.tags()).contains("wa_read", "wa_window_closed").doesNotContain("wa_window_open");
        assertThat(ana.fields()).containsEntry("WhatsApp window closes at", "closed since 2026-11-11 09:00 UTC");

        ZendeskTicketView bernd = tickets.get(1);
        assertThat(bernd.publicComments().get(0).attachments()).singleElement().asString().endsWith(".png");
        assertThat(bernd.notes()).extracting(ZendeskTicketView.Comment::body)
                .anySatisfy(b -> assertThat(b).contains("window closes at 2026-11-11T09:10:00Z"))
                .anySatisfy(b -> assertThat(b).contains("Your reply is held"))
                .anySatisfy(b -> assertThat(b).contains("re-engagement template 'reengage_v1' was sent"));
        assertThat(bernd.publicComments()).extracting(ZendeskTicketView.Comment::authorRole)
                .containsExactly("end-user", "agent", "end-user");
        assertThat(bernd.fields()).containsEntry("WhatsApp cost so far", "0.055 USD");
        assertThat(bernd.status()).isEqualTo("open");

        ZendeskTicketView dave = tickets.get(3);
        assertThat(dave.tags()).contains("wa_delivery_failed");
        // One note for the failure, from the host, with the provider's reason.
        assertThat(dave.notes()).extracting(ZendeskTicketView.Comment::body)
                .filteredOn(b -> b.contains("131026")).singleElement().asString()
                .contains("The customer did not receive a message").contains("It costs nothing");
        // DeskBridge's own notes and the customers' comments never went back out as replies.
        assertThat(demo.whatsApp().sent()).noneMatch(m -> m.summary().startsWith("[DeskBridge]"));
    }

    private static void assertSends(Demo demo) {
        List<SentMessage> ana = demo.whatsApp().sentTo(SupportDay.ANA.number());
        assertThat(ana).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("text");
            assertThat(m.request().path("text").path("body").asText())
                    .isEqualTo("Of course, Ana! Send me the new address and I will update order #4711.");
            assertThat(m.request().path("to").asText()).isEqualTo("5511987654321");
        });
        List<SentMessage> bernd = demo.whatsApp().sentTo(SupportDay.BERND.number());
        assertThat(bernd).extracting(SentMessage::type).containsExactly("template", "text");
        JsonNode template = bernd.get(0).request().path("template");
        assertThat(template.path("name").asText()).isEqualTo("reengage_v1");
        assertThat(template.path("language").path("code").asText()).isEqualTo("en_US");
        assertThat(bernd.get(1).summary()).startsWith("So sorry about the jacket, Bernd!");
        assertThat(demo.whatsApp().sentTo(SupportDay.CHITRA.number())).extracting(SentMessage::type)
                .containsExactly("text", "template", "text");
        assertThat(demo.whatsApp().sentTo(SupportDay.DAVE.number())).extracting(SentMessage::type)
                .containsExactly("template");
        assertThat(demo.whatsApp().sent()).hasSize(7);
    }

    private static void assertReportIsTheLedger(Demo demo, CostReport report) {
        var db = demo.host().host().database();
        long rows = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM cost_ledger"));
        BigDecimal quoted = db.inTransaction(c -> Jdbc.queryOne(c,
                "SELECT SUM(quoted_meta_fee + quoted_channel_fee) FROM cost_ledger", rs -> rs.getBigDecimal(1))
                .orElseThrow());
        BigDecimal settled = db.inTransaction(c -> Jdbc.queryOne(c,
                "SELECT SUM(settled_meta_fee + settled_channel_fee) FROM cost_ledger", rs -> rs.getBigDecimal(1))
                .orElseThrow());
        long unsettled = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM cost_ledger WHERE status = 'QUOTED'"));

        assertThat(unsettled).isZero();
        assertThat(report.month()).hasToString("2026-11");
        CostLine total = report.totals().get(0);
        assertThat(total.messages()).isEqualTo(rows).isEqualTo(7);
        assertThat(total.quoted().amount()).isEqualByComparingTo(quoted).isEqualByComparingTo("0.0770");
        assertThat(total.settled().amount()).isEqualByComparingTo(settled);
        assertThat(total.cost().amount()).isEqualByComparingTo(settled).isEqualByComparingTo("0.0550");
        assertThat(total.failed()).isEqualTo(1);
        assertThat(total.billed()).isEqualTo(1);
        assertThat(total.free()).isEqualTo(5);
        assertThat(total.saved().amount()).isPositive();
        assertThat(report.lines()).extracting(CostLine::key).containsExactlyInAnyOrder("BR", "DE", "GB", "IN");
        assertThat(report.lines().get(0).key()).isEqualTo("DE");
        BigDecimal linesCost = report.lines().stream().map(l -> l.cost().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(linesCost).isEqualByComparingTo(total.cost().amount());
    }
}
