package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deskbridge.connector.api.model.Order;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.engine.OrderSend;
import dev.deskbridge.host.engine.RouteName;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two numbers of one Meta app, each a channel of its own: Meta sends both numbers' events to the
 * app's one callback URL, here the fixture's channel's. The real Cloud API channels against
 * WireMock, in-process host.
 */
class OtherNumberWebhookTest {
    private static final String TWO = "wa-two";
    private static final String TWO_ID = "106540352242999";
    private static final String TWO_NUMBER = "+15550100002";
    private static final String OTHER_CUSTOMER = "+12015550177";
    private static final String THIRD_CUSTOMER = "+12015550188";
    /** Meta's payments are India's (and Brazil's): a customer there pays the order in WhatsApp. */
    private static final String PAYER = "+919876543210";
    private static final String PAID = "SELECT COUNT(*) FROM orders WHERE channel_id = ? AND reference_id = 'B-1' "
            + "AND payment_status = 'captured' AND transaction_id = 'pay_B1'";
    private static final String MAIN_SENDS = "/v23.0/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";
    private static final String TWO_SENDS = "/v23.0/" + TWO_ID + "/messages";

    @TempDir
    Path dir;

    private WireMockServer graph;

    @BeforeEach
    void startGraph() {
        graph = WireMockSupport.startLoopback();
        for (String path : List.of(MAIN_SENDS, TWO_SENDS)) {
            graph.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT"
                            + (path.equals(TWO_SENDS) ? "TWO" : "MAIN") + "\"}]}")));
        }
    }

    @AfterEach
    void stopGraph() {
        graph.stop();
    }

    private HostFixture host(String twoSecret) {
        return HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph))
                .otherNumber(new HostFixture.OtherNumber(TWO, TWO_ID, TWO_NUMBER, twoSecret)).start();
    }

    @Test
    void aMessageForTheOtherNumberIsThatChannelsAndItsReplyAndStatusesWork() {
        try (HostFixture f = host(HostFixture.META_APP_SECRET)) {
            assertThat(f.postMeta(MetaWebhooks.forNumber(MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START),
                    TWO_NUMBER, TWO_ID)).statusCode()).isEqualTo(200);
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            // Before: kept as the receiving channel's, whose route then sent the reply from the wrong number.
            java.util.Optional<String> channel = f.sql(c -> Jdbc.queryOne(c, "SELECT channel_id FROM conversations",
                    rs -> rs.getString(1)));
            assertThat(channel).contains(TWO);
            String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                    .orElseThrow());

            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello Ann", f.clock.instant()));
            f.await("reply sent", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id = 'wamid.OUTTWO'") == 1);
            assertThat(graph.findAll(postRequestedFor(urlPathEqualTo(TWO_SENDS)))).hasSize(1);
            assertThat(graph.findAll(postRequestedFor(urlPathEqualTo(MAIN_SENDS)))).isEmpty();

            // Its statuses come to the same URL and still reach the message the other channel sent.
            assertThat(f.postMeta(MetaWebhooks.forNumber(MetaWebhooks.status("wamid.OUTTWO", CUSTOMER, "delivered",
                    f.clock.instant(), true, "service", "regular"), TWO_NUMBER, TWO_ID)).statusCode()).isEqualTo(200);
            f.await("settled", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id = "
                    + "'wamid.OUTTWO' AND status = 'SETTLED'") == 1);
            f.awaitIdle();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM bad_records")).isZero();
        }
    }

    @Test
    void whenTheOtherChannelRefusesTheDeliveryItsMessagesAreABadRecordAndTheRestGoesThrough() {
        try (HostFixture f = host("another-apps-secret")) {
            String mine = MetaWebhooks.text("wamid.IN1", CUSTOMER, "Hi", HostFixture.START);
            String theirs = MetaWebhooks.forNumber(MetaWebhooks.text("wamid.IN2", OTHER_CUSTOMER, "Hello",
                    HostFixture.START), TWO_NUMBER, TWO_ID);
            // A number no channel has stays with the receiving channel, as before.
            String unknown = MetaWebhooks.forNumber(MetaWebhooks.text("wamid.IN3", THIRD_CUSTOMER, "Hey",
                    HostFixture.START), "+15550100009", "106540352242000");
            assertThat(f.postMeta(MetaWebhooks.batched(theirs, mine, unknown)).statusCode()).isEqualTo(200);
            f.await("tickets", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") >= 2);
            f.awaitIdle();
            List<String> conversations = f.sql(c -> Jdbc.query(c, "SELECT channel_id, business, customer FROM "
                    + "conversations ORDER BY customer", rs -> rs.getString(1) + " " + rs.getString(2) + " "
                    + rs.getString(3)));
            assertThat(conversations).containsExactly(HostFixture.CHANNEL + " " + HostFixture.BUSINESS + " " + CUSTOMER,
                    HostFixture.CHANNEL + " +15550100009 " + THIRD_CUSTOMER);
            List<String> reasons = f.sql(c -> Jdbc.query(c, "SELECT instance_id || ': ' || reason FROM bad_records",
                    rs -> rs.getString(1)));
            assertThat(reasons).singleElement().asString().contains(TWO).contains("1 message")
                    .doesNotContain(OTHER_CUSTOMER.substring(1));
        }
    }

    /**
     * The payer writes to the other number and that channel sends an order from it; returns once Meta
     * took the send. The payer's message is posted to {@code path}, signed with {@code secret}.
     */
    private static void orderSentFromTheOtherNumber(HostFixture f, String path, String secret) {
        String written = MetaWebhooks.forNumber(MetaWebhooks.text("wamid.IN-P", PAYER, "Two loaves please",
                HostFixture.START), TWO_NUMBER, TWO_ID);
        assertThat(f.postSigned(path, "X-Hub-Signature-256", Hmac.sign(secret, written.getBytes(StandardCharsets.UTF_8)),
                written).statusCode()).isEqualTo(200);
        f.await("the payer's conversation", () -> f.count("SELECT COUNT(*) FROM conversations WHERE channel_id = ? "
                + "AND customer = ?", TWO, PAYER) == 1);
        Order order = new Order("B-1", "physical-goods", new Order.Payment("upi", Optional.of("acme-razorpay"),
                Optional.empty()), Currency.getInstance("INR"), List.of(new Order.Item("SKU-BREAD", "Sourdough bread",
                new BigDecimal("617.00"), 2)), new BigDecimal("1234.00"), new BigDecimal("0.00"), Optional.empty(),
                Optional.empty(), new BigDecimal("1234.00"));
        f.host.engine().orders().submit(new OrderSend(PhoneNumber.of(PAYER), new OutboundMessage.OrderDetails(
                "Your order", order), new RouteName(Optional.empty(), Optional.of(TWO)), Optional.of("order-B-1")),
                accepted -> "{}");
        f.await("the order sent", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                + "AND provider_message_id = 'wamid.OUTTWO'") == 1);
    }

    private static String captured(HostFixture f) {
        return MetaWebhooks.forNumber(MetaWebhooks.payment("wamid.PAY-B1", PAYER, "B-1", "captured",
                f.clock.instant(), 123400, "INR", "pay_B1", "success"), TWO_NUMBER, TWO_ID);
    }

    @Test
    void aPaymentForTheOtherNumbersOrderSettlesItOnThatChannelOnce() {
        try (HostFixture f = host(HostFixture.META_APP_SECRET)) {
            orderSentFromTheOtherNumber(f, "/webhooks/channels/" + HostFixture.CHANNEL, HostFixture.META_APP_SECRET);

            // Before: kept as the receiving channel's, which sent no order B-1: a warning, and B-1 never paid.
            assertThat(f.postMeta(captured(f)).statusCode()).isEqualTo(200);
            f.await("paid", () -> f.count(PAID, TWO) == 1);
            f.await("the payment note", () -> f.notes("PAYMENT_UPDATED").size() == 1);
            // Meta delivers again: nothing changes, and no second note.
            assertThat(f.postMeta(captured(f)).statusCode()).isEqualTo(200);
            f.awaitIdle();
            assertThat(f.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'PAYMENT_UPDATE' AND source_id = ?",
                    "channel:" + TWO)).isEqualTo(1);
            assertThat(f.notes("PAYMENT_UPDATED")).singleElement().satisfies(n -> assertThat(n.getBodyAsString())
                    .contains("Payment for order B-1: captured 1,234.00 INR (transaction pay_B1)"));
            assertThat(f.count(PAID, TWO)).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM bad_records")).isZero();
        }
    }

    @Test
    void aPaymentNamingTheOtherNumberThatItsChannelRefusesIsNotAppliedToItsOrder() {
        String twoSecret = "another-apps-secret";
        try (HostFixture f = host(twoSecret)) {
            orderSentFromTheOtherNumber(f, "/webhooks/channels/" + TWO, twoSecret);

            // Signed with the receiving channel's secret only: the other channel's session refuses it.
            String payment = captured(f);
            assertThat(f.postMeta(payment).statusCode()).isEqualTo(200);
            f.await("the bad record", () -> f.count("SELECT COUNT(*) FROM bad_records") == 1);
            f.awaitIdle();
            assertThat(f.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'PAYMENT_UPDATE'")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM orders WHERE payment_status IS NOT NULL")).isZero();
            List<String> reasons = f.sql(c -> Jdbc.query(c, "SELECT instance_id || ': ' || reason FROM bad_records",
                    rs -> rs.getString(1)));
            assertThat(reasons).singleElement().asString().startsWith(TWO + ": ").contains("1 payment status")
                    .contains("refused");

            // The same payment at that channel's own URL, with its own secret, is applied as ever.
            assertThat(f.postSigned("/webhooks/channels/" + TWO, "X-Hub-Signature-256", Hmac.sign(twoSecret,
                    payment.getBytes(StandardCharsets.UTF_8)), payment).statusCode()).isEqualTo(200);
            f.await("paid", () -> f.count(PAID, TWO) == 1);
        }
    }
}
