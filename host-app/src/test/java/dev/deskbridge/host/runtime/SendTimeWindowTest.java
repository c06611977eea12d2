package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.WindowClosedException;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.admin.StoreAdminQueries;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.reports.CostLine;
import dev.deskbridge.host.reports.CostReports;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.MonthlyCounters;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.MetaWebhooks;
import dev.deskbridge.host.testing.TestChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window is checked again when a reply goes out, and a provider's window-closed refusal (Meta
 * 131047, Twilio 63016) goes to the route's policy: a reply is never sent free-form after the
 * window closed, and never ends as a dead letter for it.
 */
class SendTimeWindowTest {
    static final String MESSAGES = "/v23.0/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";

    @TempDir
    Path dir;

    private static String ticketAfterCustomerWrites(HostFixture f, String customer) {
        f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, customer, "Hi", HostFixture.START));
        return ticket(f);
    }

    private static String ticket(HostFixture f) {
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)).orElseThrow());
    }

    private static boolean freeForm(SendRequest r) {
        return !(r.message() instanceof OutboundMessage.Template);
    }

    /**
     * The channel fails the first send {@code which} selects with {@code failure}, then accepts
     * every send.
     *
     * @return how many sends {@code which} selected
     */
    private static AtomicInteger failFirst(HostFixture f, Predicate<SendRequest> which,
            Supplier<RuntimeException> failure) {
        AtomicInteger attempts = new AtomicInteger();
        f.channel.onSend(r -> {
            if (which.test(r) && attempts.incrementAndGet() == 1) {
                throw failure.get();
            }
            return new SendResult("out-" + r.idempotencyKey(), f.clock.instant(), Optional.empty());
        });
        return attempts;
    }

    private static void assertNothingDeadAndReplyHeld(HostFixture f, String text) {
        f.awaitIdle();
        assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(f.notes("DELIVERY_FAILED")).isEmpty();
        assertThat(f.count("SELECT COUNT(*) FROM held_replies WHERE status = 'HELD'")).isEqualTo(1);
        assertThat(f.sql(c -> Jdbc.queryOne(c, "SELECT payload FROM held_replies", rs -> rs.getString(1)))
                .orElseThrow()).contains(text);
        assertThat(f.notes("REPLY_HELD")).hasSize(1);
        assertThat(f.notes("REPLY_HELD").get(0).getBodyAsString()).contains("Your reply is held");
    }

    @Test
    void aReplyWhoseWindowClosedWhileItWasRetriedIsHeldAndReEngagedNotSentFreeForm() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            String ticket = ticketAfterCustomerWrites(f, CUSTOMER);
            AtomicInteger attempts = failFirst(f, SendTimeWindowTest::freeForm, () -> {
                // The provider is away, and by the next attempt the window has closed.
                f.clock.advance(Duration.ofHours(24));
                return new RetryableException("503 from the provider");
            });
            f.clock.advance(Duration.ofHours(1));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Your order ships today", f.clock.instant()));

            f.await("template sent", () -> f.channel.sent().size() == 1);
            assertNothingDeadAndReplyHeld(f, "Your order ships today");
            assertThat(attempts).hasValue(1);
            assertThat(f.channel.sent()).singleElement().satisfies(r -> assertThat(r.message())
                    .isInstanceOf(OutboundMessage.Template.class));
            assertThat(f.notes("REPLY_HELD").get(0).getBodyAsString()).contains("closed at 2026-09-02T10:00:00Z");
            // The provider refused the first attempt, so the reply was never handed over: it has no ledger row.
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger l JOIN messages m ON m.id = l.message_id "
                    + "WHERE m.kind <> 'template'")).as("the reply costs nothing").isZero();

            // The customer answers the template: the held reply goes out, inside the new window.
            f.postChannel(TestChannel.messageWebhook("e2", "wamid.in-2", BUSINESS, CUSTOMER, "Yes?",
                    f.clock.instant()));
            f.await("held reply sent", () -> f.channel.sent().size() == 2);
            assertThat(f.channel.sent().get(1).message()).isEqualTo(new OutboundMessage.Text("Your order ships today",
                    true));
        }
    }

    @Test
    void aReplyDueWithinTheSafetyMarginOfTheWindowsEndGoesToThePolicy() {
        try (HostFixture f = HostFixture.in(dir).policy(ReplyPolicy.REFUSE).start()) {
            String ticket = ticketAfterCustomerWrites(f, CUSTOMER);
            // 30 s before the window closes: open when queued, inside the 60 s margin when sent.
            f.clock.advance(Duration.ofHours(24).minusSeconds(30));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Last minute", f.clock.instant()));
            f.await("refusal noted", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            f.awaitIdle();
            assertThat(f.channel.sent()).isEmpty();
            assertThat(f.notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString()).contains("60 s safety margin")
                    .contains("closes at 2026-09-02T10:00:00Z");
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
            assertThat(f.sql(c -> Jdbc.queryOne(c, "SELECT error FROM messages WHERE direction = 'OUT'",
                    rs -> rs.getString(1))).orElseThrow()).startsWith("not sent: ");
        }
    }

    @Test
    void aReplyRefusedWithinTheMarginLeavesNoLedgerRowForTheReports() {
        try (HostFixture f = HostFixture.in(dir).policy(ReplyPolicy.REFUSE).start()) {
            // October 2026: service replies are billed (0.0550 USD in DE, at its utility rate).
            f.clock.set(Instant.parse("2026-10-05T10:00:00Z"));
            f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, "+4915112340003", "Hallo",
                    f.clock.instant()));
            String ticket = ticket(f);
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Gleich", f.clock.instant()));
            f.await("sent", () -> f.channel.sent().size() == 1);
            f.clock.advance(Duration.ofHours(24).minusSeconds(30));
            f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "Last minute", f.clock.instant()));
            f.await("refusal noted", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            f.awaitIdle();
            assertThat(f.channel.sent()).hasSize(1);

            // Told on the ticket and never sent: counted as a refusal before quoting is, not as a message.
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger")).isEqualTo(1);
            try (StoreAdminQueries admin = StoreAdminQueries.over(f.host.database(), HostFixture.goldenPricing(),
                    Duration.ofHours(2), Currency.getInstance("USD"), List::of, f.clock)) {
                CostLine total = CostReports.compute(YearMonth.of(2026, 10), admin, Optional.empty()).totals().get(0);
                assertThat(total.messages()).isEqualTo(1);
                assertThat(total.failed()).isZero();
                assertThat(total.quoted().currency()).isEqualTo(Currency.getInstance("USD"));
                assertThat(total.quoted().amount()).isEqualByComparingTo("0.055");
            }
            assertThat(f.<Long>sql(c -> MonthlyCounters.count(c, "2026-10", MonthlyCounters.billed("DE", "service"))))
                    .isEqualTo(1);
            assertThat(f.<java.math.BigDecimal>sql(c -> MonthlyCounters.amount(c, "2026-10", MonthlyCounters.spend(HostFixture.CHANNEL,
                    HostFixture.CRM, "USD")))).isEqualByComparingTo("0.055");
            // The metric counts both quotes and the one taken back, so quoted less withdrawn is what the ledger holds.
            String metrics = f.get("/metrics").body();
            assertThat(metrics).contains("deskbridge_spend_total{currency=\"USD\",kind=\"quoted\"} 0.11")
                    .contains("deskbridge_spend_total{currency=\"USD\",kind=\"withdrawn\"} 0.055");
        }
    }

    @Test
    void aMarginOfZeroSendsUntilTheLastInstant() {
        try (HostFixture f = HostFixture.in(dir).policy(ReplyPolicy.REFUSE)
                .engine(HostFixture.fastEngine().withWindowMargin(Duration.ZERO)).start()) {
            String ticket = ticketAfterCustomerWrites(f, CUSTOMER);
            f.clock.advance(Duration.ofHours(24).minusSeconds(30));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Last minute", f.clock.instant()));
            f.await("sent", () -> f.channel.sent().size() == 1);
        }
    }

    @Test
    void twilio63016OnAReplyIsToldOnTheTicketUnderTheRefusePolicy() {
        try (HostFixture f = HostFixture.in(dir).policy(ReplyPolicy.REFUSE).start()) {
            String ticket = ticketAfterCustomerWrites(f, CUSTOMER);
            // What the Twilio channel raises for Twilio's 63016 (see TwilioErrors and its tests).
            f.channel.onSend(r -> {
                throw new WindowClosedException("could not send: Failed to send freeform message because "
                        + "you are outside the allowed window", "63016", null);
            });
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello", f.clock.instant()));
            f.await("refusal noted", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString()).contains("(63016)");
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
            assertThat(f.notes("DELIVERY_FAILED")).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE status = 'FAILED'")).isEqualTo(1);
        }
    }

    /**
     * Meta said the window is closed, whatever the host's clock says: the next reply is held behind the first
     * (the template is out already), not sent free-form to be refused in turn. Before, the window stayed open
     * until its own end, and the next reply went out free-form ahead of the held one.
     */
    private static void assertTheNextReplyIsHeldBehindTheFirst(HostFixture f, WireMockServer graph, String ticket) {
        int before = sends(graph).size();
        assertThat(f.count("SELECT COUNT(*) FROM conversations WHERE service_window_ends_at <= ?",
                java.sql.Timestamp.from(f.clock.instant()))).as("window closed").isEqualTo(1);
        // The ticket is told at the watcher's next round, not at the window's old end.
        f.host.engine().watcher().runOnce();
        f.await("the ticket shows it closed", () -> f.crmCalls("/api/tickets/" + ticket + "/status").stream()
                .anyMatch(r -> r.getBodyAsString().contains("CLOSED")));
        f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "And another thing", f.clock.instant()));
        f.await("second reply held", () -> f.count("SELECT COUNT(*) FROM held_replies WHERE released_at IS NULL") == 2);
        f.awaitIdle();
        assertThat(sends(graph)).hasSize(before);
    }

    @Test
    void meta131047OnAReplyHoldsItAndSendsTheReEngagementTemplate() {
        WireMockServer graph = WireMockSupport.startLoopback();
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("window").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#131047) Re-engagement message\",\"type\":"
                                + "\"OAuthException\",\"code\":131047,\"error_data\":{\"messaging_product\":\"whatsapp\","
                                + "\"details\":\"Message failed to send because more than 24 hours have passed since "
                                + "the customer last replied to this number.\"},\"fbtrace_id\":\"AbCd\"}}"))
                .willSetStateTo("closed"));
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("window").whenScenarioStateIs("closed")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"12015550123\","
                                + "\"wa_id\":\"12015550123\"}],\"messages\":[{\"id\":\"wamid.TEMPLATE1\"}]}")));
        try (HostFixture f = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph)).start()) {
            f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START));
            String ticket = ticket(f);
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Meta says no", f.clock.instant()));
            f.await("template sent", () -> sends(graph).size() == 2);
            assertNothingDeadAndReplyHeld(f, "Meta says no");
            assertThat(sends(graph).get(1).getBodyAsString()).contains("\"type\":\"template\"").contains("reengage_v1");
            assertThat(f.notes("REPLY_HELD").get(0).getBodyAsString()).contains("(131047)");
            assertTheNextReplyIsHeldBehindTheFirst(f, graph, ticket);
        } finally {
            graph.stop();
        }
    }

    @Test
    void meta131047ReportedInAFailedStatusGoesToThePolicyToo() {
        WireMockServer graph = WireMockSupport.startLoopback();
        graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"12015550123\",\"wa_id\":"
                        + "\"12015550123\"}],\"messages\":[{\"id\":\"wamid.{{randomValue length=20 type='ALPHANUMERIC'}}\"}]}")
                .withTransformers("response-template")));
        try (HostFixture f = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph)).start()) {
            f.postMeta(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START));
            String ticket = ticket(f);
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Accepted, then refused", f.clock.instant()));
            f.await("reply sent", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id IS NOT NULL") == 1);
            String wamid = f.sql(c -> Jdbc.queryOne(c, "SELECT provider_message_id FROM messages WHERE direction = 'OUT'",
                    rs -> rs.getString(1))).orElseThrow();
            // The CRM is away once when told of the failure: the retry adds no failure note of its own.
            f.crmServer.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlMatching(
                    "/api/tickets/.*/deliveries")).atPriority(1).inScenario("crm").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
            f.postMeta(MetaWebhooks.failed(wamid, CUSTOMER, f.clock.instant(), 131047, "Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the customer last replied."));
            f.await("template sent", () -> sends(graph).size() == 2);
            assertNothingDeadAndReplyHeld(f, "Accepted, then refused");
            assertThat(sends(graph).get(1).getBodyAsString()).contains("\"type\":\"template\"");
            assertTheNextReplyIsHeldBehindTheFirst(f, graph, ticket);
            assertThat(f.crmCalls("/api/tickets/.*/deliveries")).as("told once more after the 503").hasSize(2);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id = ? AND status = 'FAILED'",
                    wamid)).isEqualTo(1);
        } finally {
            graph.stop();
        }
    }

    @Test
    void aCustomerWritingFromANumberOutsideLibphonenumbersRangesIsAnsweredAndPricedByCallingCode() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            String ticket = ticketAfterCustomerWrites(f, "+447700900123");
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello from support", f.clock.instant()));
            f.await("sent", () -> f.channel.sent().size() == 1);
            assertThat(f.channel.sent().get(0).to().e164()).isEqualTo("+447700900123");
            f.awaitIdle();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
            // GB by calling code 44; the golden card has no GB row, so its fallback market.
            assertThat(f.sql(c -> Jdbc.queryOne(c, "SELECT market FROM cost_ledger", rs -> rs.getString(1)))
                    .orElseThrow()).isEqualTo("OTHER");
        }
    }

    @Test
    void aNumberInACallingCodeTheCardPricesIsPricedAtThatMarket() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            // 49 (Germany) with digits libphonenumber has no range for.
            String ticket = ticketAfterCustomerWrites(f, "+4901234");
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Still there?", f.clock.instant()));
            f.await("template sent", () -> f.channel.sent().size() == 1);
            f.awaitIdle();
            assertThat(f.sql(c -> Jdbc.queryOne(c, "SELECT market || ' ' || quoted_meta_fee FROM cost_ledger",
                    rs -> rs.getString(1))).orElseThrow()).startsWith("DE ");
        }
    }

    @Test
    void aSendWhoseAnswerTimedOutIsRepeatedAndToldOnTheTicketAsAPossibleDuplicate() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            String ticket = ticketAfterCustomerWrites(f, CUSTOMER);
            // The request went out; the answer never came: the provider may have the message.
            AtomicInteger attempts = failFirst(f, r -> true, () -> new RetryableException(
                    "timed out", new java.net.SocketTimeoutException("Read timed out")));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Here is your code", f.clock.instant()));
            f.await("sent", () -> f.channel.sent().size() == 1);
            f.await("possible duplicate told", () -> f.notes("POSSIBLE_DUPLICATE").size() == 1);
            f.awaitIdle();
            assertThat(attempts).hasValue(2);
            assertThat(f.notes("POSSIBLE_DUPLICATE").get(0).getBodyAsString()).contains("Here is your code");
        }
    }

    @Test
    void aSendTheProviderRefusedIsRetriedWithoutAPossibleDuplicateNote() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            String ticket = ticketAfterCustomerWrites(f, CUSTOMER);
            // An answer: the provider did not take it.
            AtomicInteger attempts = failFirst(f, r -> true, () -> new RetryableException("429 from the provider"));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Here is your code", f.clock.instant()));
            f.await("sent", () -> f.channel.sent().size() == 1);
            f.awaitIdle();
            assertThat(attempts).hasValue(2);
            assertThat(f.notes("POSSIBLE_DUPLICATE")).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM outbox WHERE send_started_at IS NOT NULL")).isEqualTo(1);
        }
    }

    @Test
    void aReplyToANumberNoCustomerWroteFromThatIsNotValidIsRefusedWithANote() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            // A conversation whose number was typed, not seen on WhatsApp: no customer message yet.
            f.sql(c -> Jdbc.update(c, "INSERT INTO conversations (id, business, customer, channel_id, crm_id, ticket_id, "
                    + "created_at, updated_at) VALUES ('typed-1', ?, '+12', ?, ?, 'T-typed', ?, ?)", BUSINESS,
                    HostFixture.CHANNEL, HostFixture.CRM, HostFixture.START, HostFixture.START));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", "T-typed", "Hello?", f.clock.instant()));
            f.await("refusal noted", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString())
                    .contains("+12 is not a valid phone number").contains("Check the number on the ticket");
            assertThat(f.channel.sent()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    private static List<LoggedRequest> sends(WireMockServer graph) {
        return graph.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    }
}
