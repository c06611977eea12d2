package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.e2e.Received.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 7, end to end: {@code deskbridge run} with the built Zendesk plugin and the
 * built-in WhatsApp Cloud channel; Meta and Zendesk are WireMock stubs (every request to Meta checked
 * against Meta's OpenAPI description), the API's answers checked against the host's own description.
 * An Indian customer writes, the business sends an order to pay by UPI, and Meta's payment statuses
 * come back as notes on the Zendesk ticket, each once.
 */
class OrdersEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");
    private static final PhoneNumber CUSTOMER = PhoneNumber.of("+919876543210");
    private static final PhoneNumber BUSINESS = PhoneNumber.of(HostFixture.BUSINESS);
    private static final String MESSAGES = "/" + MetaStub.VERSION + "/" + HostFixture.META_PHONE_NUMBER_ID
            + "/messages";
    private static final String SENT_WAMID = "wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgSNDZCM0FCODlENDhCMzZDNTEA";
    private static final String SEND_TOKEN = "send-token-for-the-shop-0123";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private static final String ZENDESK_API_TOKEN = "zd-api-token-0123456789";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private final ApiExchanges api = new ApiExchanges(() -> this.probe.baseUrl());
    private MetaStub meta;
    private ZendeskStandIn zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        meta = MetaStub.start();
        meta.acceptSends(SENT_WAMID);
        zendesk = new ZendeskStandIn();
        host = RunningHost.start(home, config(), Map.of(
                "WHATSAPP_ACCESS_TOKEN", MetaStub.ACCESS_TOKEN,
                "WHATSAPP_APP_SECRET", HostFixture.META_APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", MetaStub.VERIFY_TOKEN,
                "ZENDESK_API_TOKEN", ZENDESK_API_TOKEN,
                "ZENDESK_WEBHOOK_SECRET", ZendeskStandIn.SIGNING_SECRET,
                "DESKBRIDGE_ADMIN_TOKEN", ADMIN_TOKEN,
                "DESKBRIDGE_SEND_TOKEN", SEND_TOKEN), clock, TestJars.realPlugin("deskbridge-zendesk"));
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, meta, zendesk);
    }

    private String config() {
        return RunningHost.hostSections().replace("host:\n", "host:\n  admin_token: ${DESKBRIDGE_ADMIN_TOKEN}\n")
                + WhatsAppTraffic.channelSection(meta.baseUrl()) + """
                crms:
                  - id: zendesk-main
                    type: zendesk
                    config:
                      url: %s
                      email: whatsapp-bot@acme.example
                      api_token: ${ZENDESK_API_TOKEN}
                      webhook_signing_secret: ${ZENDESK_WEBHOOK_SECRET}
                      window_field_id: 360001
                      cost_field_id: 360002
                routes:
                  - channel: wa-main
                    crm: zendesk-main
                    policy: refuse
                messaging:
                  send_token: ${DESKBRIDGE_SEND_TOKEN}
                """.formatted(zendesk.baseUrl());
    }

    private static String order(String reference, String currency, String total) {
        return """
                {"to": "+919876543210", "idempotencyKey": "order-%1$s",
                 "order": {"kind": "details", "reference": "%1$s", "body": "Your Acme order, ready to pay",
                  "type": "physical-goods", "payment": {"type": "upi", "configuration": "acme-razorpay"},
                  "currency": "%2$s",
                  "items": [{"retailerId": "SKU-BREAD", "name": "Sourdough bread", "amount": "600.00", "quantity": 2}],
                  "subtotal": "1200.00", "tax": "60.00", "shipping": "24.00", "discount": "50.00", "total": "%3$s"}}"""
                .formatted(reference, currency, total);
    }

    /** An order of one item costing {@code total}, nothing added. */
    private static String oneItemOrder(String reference, String total) {
        return """
                {"to": "+919876543210", "idempotencyKey": "order-%1$s",
                 "order": {"kind": "details", "reference": "%1$s", "body": "Your Acme order, ready to pay",
                  "type": "physical-goods", "payment": {"type": "upi", "configuration": "acme-razorpay"},
                  "currency": "INR",
                  "items": [{"retailerId": "SKU-ROLL", "name": "Bread roll", "amount": "%2$s", "quantity": 1}],
                  "subtotal": "%2$s", "tax": "0.00", "total": "%2$s"}}""".formatted(reference, total);
    }

    /** The customer writes first: the service window opens and the ticket is created. */
    private Conversation customerWrites() {
        assertThat(postMeta(MetaWebhooks.text("wamid.IN-1", CUSTOMER.e164(), "I would like two loaves",
                T0.minusSeconds(5))).statusCode()).isEqualTo(200);
        probe.await("the ticket opened", () -> probe.conversation(BUSINESS, CUSTOMER).flatMap(Conversation::ticket)
                .isPresent());
        return probe.conversation(BUSINESS, CUSTOMER).orElseThrow();
    }

    @Test
    void anOrderIsSentInTheWindowAndItsPaymentsLandOnTheTicketOnceEach() throws Exception {
        Conversation conversation = customerWrites();
        clock.set(T0.plusSeconds(60));

        HttpResponse<String> first = send(SEND_TOKEN, order("A-1001", "INR", "1234.00"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(first.body());
        assertThat(answer.path("order").asText()).isEqualTo("details");
        assertThat(answer.path("orderReference").asText()).isEqualTo("A-1001");
        // Priced as any free-form message inside the window: under PMP-2026-10, service / regular at IN's rate.
        JsonNode quote = answer.path("quote");
        assertThat(quote.path("category").asText()).as(first.body()).isEqualTo("service");
        assertThat(quote.path("market").asText()).isEqualTo("IN");
        assertThat(quote.path("price").path("amount").asText()).isEqualTo("0.0015");
        HttpResponse<String> again = send(SEND_TOKEN, order("A-1001", "INR", "1234.00"));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());

        probe.await("the order sent", () -> probe.count("SELECT COUNT(*) FROM messages WHERE provider_message_id = ?",
                SENT_WAMID) == 1);
        JsonNode sent = body(only(meta.server(), postRequestedFor(urlPathEqualTo(MESSAGES))));
        assertThat(sent.path("type").asText()).isEqualTo("interactive");
        JsonNode interactive = sent.path("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("order_details");
        JsonNode parameters = interactive.path("action").path("parameters");
        assertThat(parameters.path("reference_id").asText()).isEqualTo("A-1001");
        assertThat(parameters.path("total_amount").toString()).isEqualTo("{\"value\":123400,\"offset\":100}");
        assertThat(parameters.path("currency").asText()).isEqualTo("INR");

        // An unsigned payment webhook: refused, nothing stored, the order unchanged.
        String captured = MetaWebhooks.payment("wamid.PAY-2", CUSTOMER.e164(), "A-1001", "captured",
                T0.plusSeconds(200), 123400, "INR", "pay_Q1w2e3", "success");
        HttpResponse<String> unsigned = probe.post("/webhooks/channels/wa-main", "application/json",
                Map.of("X-Hub-Signature-256", "sha256=" + "0".repeat(64)), captured);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(probe.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'PAYMENT_UPDATE'")).isZero();
        assertThat(probe.count("SELECT COUNT(*) FROM orders WHERE payment_status IS NOT NULL")).isZero();

        // Signed: pending, then captured, then captured delivered again, then a late pending.
        clock.set(T0.plusSeconds(120));
        assertThat(postMeta(MetaWebhooks.payment("wamid.PAY-1", CUSTOMER.e164(), "A-1001", "pending",
                T0.plusSeconds(100), 123400, "INR", "pay_Q1w2e3", "pending")).statusCode()).isEqualTo(200);
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        probe.await("the pending note", () -> notes(ticket, "Payment for order A-1001: pending").size() == 1);
        assertThat(postMeta(captured).statusCode()).isEqualTo(200);
        probe.await("the captured note", () -> notes(ticket, "Payment for order A-1001: captured").size() == 1);
        assertThat(postMeta(captured).statusCode()).isEqualTo(200);
        assertThat(postMeta(MetaWebhooks.payment("wamid.PAY-1", CUSTOMER.e164(), "A-1001", "pending",
                T0.plusSeconds(150), 123400, "INR", "pay_Q1w2e3", "pending")).statusCode()).isEqualTo(200);
        probe.await("every payment webhook handled", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE "
                + "event_type = 'PAYMENT_UPDATE' AND status <> 'DONE'") == 0);
        Thread.sleep(500); // a second note would show now

        assertThat(notes(ticket, "Payment for order A-1001: captured")).singleElement().satisfies(n -> assertThat(n)
                .contains("Payment for order A-1001: captured 1,234.00 INR (transaction pay_Q1w2e3)"));
        assertThat(notes(ticket, "Payment for order A-1001: pending")).as("the late pending adds no note").hasSize(1);
        assertThat(probe.count("SELECT COUNT(*) FROM orders WHERE conversation_id = ? AND reference_id = 'A-1001' "
                + "AND payment_status = 'captured' AND transaction_id = 'pay_Q1w2e3'", conversation.id().value()))
                .as("captured stands; the late pending did not move it back").isEqualTo(1);

        HttpResponse<String> orders = get(ADMIN_TOKEN, "/api/orders?conversation=" + conversation.id().value());
        assertThat(orders.statusCode()).isEqualTo(200);
        JsonNode kept = JSON.readTree(orders.body()).path("orders");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).path("reference").asText()).isEqualTo("A-1001");
        assertThat(kept.get(0).path("total").asText()).isEqualTo("1234.00");
        assertThat(kept.get(0).path("paymentStatus").asText()).isEqualTo("captured");
        assertThat(kept.get(0).path("paymentAt").asText()).isEqualTo(T0.plusSeconds(200).toString());
        assertThat(kept.get(0).path("paidAmount").asText()).isEqualTo("1234.00");
        assertThat(kept.get(0).path("paidCurrency").asText()).isEqualTo("INR");
        assertThat(kept.get(0).path("paymentMismatch").isNull()).as("paid as ordered").isTrue();

        // The business says it shipped: an order_status for the reference it sent.
        meta.acceptSendsWithUniqueIds();
        // From the command line: the same API, the order object read from a file.
        Path shipped = java.nio.file.Files.writeString(home.resolve("shipped.json"), """
                {"kind": "status", "reference": "A-1001", "body": "Your bread is on its way", "status": "shipped"}""");
        assertThat(host.cli("send", "--url", probe.baseUrl(), "--order", shipped.toString(), "--to", CUSTOMER.e164(),
                "--idempotency-key", "A-1001-shipped")).contains("Queued message", "order A-1001 (status)");
        probe.await("the status sent", () -> meta.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))
                .size() == 2);
        assertThat(JSON.readTree(get(ADMIN_TOKEN, "/api/orders?conversation=" + conversation.id().value()).body())
                .path("orders").get(0).path("status").asText()).isEqualTo("shipped");

        meta.assertEveryRequestMatchesDescription();
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(zendesk.ticketCount()).as("one ticket").isEqualTo(1);
        assertThat(notes(ticket, "The business sent order A-1001 for payment: 1,234.00 INR")).hasSize(1);
        assertThat(host.output()).doesNotContain(SEND_TOKEN, ADMIN_TOKEN, ZENDESK_API_TOKEN);
        validateAgainstDescription();
    }

    /**
     * Meta's payment statuses carry their own amount and currency: one that is not the order's total
     * in the order's currency is applied (the payment stands as Meta says) but said to differ, on the
     * ticket and in the API, never shown as a plain capture.
     */
    @Test
    void aPaymentInAnotherCurrencyOrOfAnotherAmountIsToldAsNotMatchingTheOrder() throws Exception {
        Conversation conversation = customerWrites();
        clock.set(T0.plusSeconds(60));
        meta.acceptSendsWithUniqueIds();
        assertThat(send(SEND_TOKEN, oneItemOrder("R-ftrap", "0.30")).statusCode()).isEqualTo(202);
        assertThat(send(SEND_TOKEN, order("R-lz", "INR", "1234.00")).statusCode()).isEqualTo(202);
        assertThat(send(SEND_TOKEN, order("R-neg", "INR", "1234.00")).statusCode()).isEqualTo(202);
        probe.await("the orders sent", () -> probe.count("SELECT COUNT(*) FROM messages WHERE provider_message_id "
                + "IS NOT NULL AND direction = 'OUT'") == 3);

        // 30/100 in BRL for an INR order, and 1.00 INR for one of 1,234.00 INR.
        assertThat(postMeta(MetaWebhooks.payment("wamid.PAY-F", CUSTOMER.e164(), "R-ftrap", "captured",
                T0.plusSeconds(100), 30, "BRL", "pay_F1", "success")).statusCode()).isEqualTo(200);
        assertThat(postMeta(MetaWebhooks.payment("wamid.PAY-L", CUSTOMER.e164(), "R-lz", "captured",
                T0.plusSeconds(110), 100, "INR", "pay_L1", "success")).statusCode()).isEqualTo(200);
        // An amount no order can have (below nothing) is read as none: the note must not show the order's total as paid.
        assertThat(postMeta(MetaWebhooks.payment("wamid.PAY-N", CUSTOMER.e164(), "R-neg", "captured",
                T0.plusSeconds(120), -500, "INR", "pay_N1", "success")).statusCode()).isEqualTo(200);
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        probe.await("the notes", () -> notes(ticket, "Payment for order R-").size() == 3);
        assertThat(notes(ticket, "Payment for order R-neg")).singleElement().satisfies(n -> assertThat(n)
                .contains("Payment for order R-neg: captured (no amount stated; the order's total is 1,234.00 INR)"
                        + " (transaction pay_N1)"));

        assertThat(notes(ticket, "Payment for order R-ftrap")).singleElement().satisfies(n -> assertThat(n)
                .contains("Payment for order R-ftrap: captured 0.30 BRL (transaction pay_F1)")
                .contains("in BRL, not the order's INR"));
        assertThat(notes(ticket, "Payment for order R-lz")).singleElement().satisfies(n -> assertThat(n)
                .contains("Payment for order R-lz: captured 1.00 INR (transaction pay_L1)")
                .contains("less than the order's total of 1,234.00 INR"));

        JsonNode kept = JSON.readTree(get(ADMIN_TOKEN, "/api/orders?conversation=" + conversation.id().value())
                .body()).path("orders");
        assertThat(kept).hasSize(3);
        JsonNode ftrap = byReference(kept, "R-ftrap");
        JsonNode lz = byReference(kept, "R-lz");
        assertThat(byReference(kept, "R-neg").path("paidAmount").isNull()).as("R-neg's paid amount").isTrue();
        assertThat(ftrap.path("paymentStatus").asText()).isEqualTo("captured");
        assertThat(ftrap.path("paidAmount").asText()).isEqualTo("0.30");
        assertThat(ftrap.path("paidCurrency").asText()).isEqualTo("BRL");
        assertThat(ftrap.path("paymentMismatch").asText()).isEqualTo("currency");
        assertThat(lz.path("paidAmount").asText()).isEqualTo("1.00");
        assertThat(lz.path("paidCurrency").asText()).isEqualTo("INR");
        assertThat(lz.path("paymentMismatch").asText()).isEqualTo("amount");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        validateAgainstDescription();
    }

    private static JsonNode byReference(JsonNode orders, String reference) {
        for (JsonNode o : orders) {
            if (o.path("reference").asText().equals(reference)) {
                return o;
            }
        }
        throw new AssertionError("no order " + reference + " in " + orders);
    }

    @Test
    void badOrdersAreRefusedWithTheirCodeAndSendNothing() throws Exception {
        customerWrites();
        assertRefused(send(SEND_TOKEN, order("A-2001", "USD", "1234.00")), 422, "order_currency_mismatch");
        assertRefused(send(SEND_TOKEN, order("A-2001", "INR", "1300.00")), 422, "order_amounts_inconsistent");
        assertRefused(send(SEND_TOKEN, order("A-2001-this-reference-is-far-too-long", "INR", "1234.00")), 422,
                "order_reference_invalid");
        assertRefused(send(SEND_TOKEN, order("A-2001", "INR", "1234.001")), 422, "order_amount_invalid");
        assertRefused(send(SEND_TOKEN, order("A-2001", "INR", "1E-999999999")), 400, "bad_request");
        assertRefused(send(SEND_TOKEN, """
                {"to": "+919876543210", "order": {"kind": "status", "reference": "NEVER-SENT", "body": "x",
                 "status": "shipped"}}"""), 422, "order_unknown");
        assertRefused(send(SEND_TOKEN, """
                {"to": "+919876543210", "order": {"kind": "status", "reference": "A-2001", "body": "x",
                 "status": "on-its-way"}}"""), 422, "order_status_invalid");
        assertRefused(send(SEND_TOKEN, order("A-2001", "INR", "1234.00").replace("+919876543210", "+4915112345678")),
                422, "order_market_unsupported");
        // An Indian customer who never wrote: no service window, so no interactive message.
        assertRefused(send(SEND_TOKEN, order("A-2001", "INR", "1234.00").replace("+919876543210", "+919812345678")),
                422, "window_closed");
        assertRefused(send(SEND_TOKEN, order("A-2001", "INR", "1234.00").replace("\"tax\"", "\"taxes\"")), 400,
                "bad_request");
        assertThat(send(SEND_TOKEN, order("A-2001", "INR", "1234.00")).statusCode()).isEqualTo(202);
        probe.await("the order sent", () -> probe.count("SELECT COUNT(*) FROM messages WHERE provider_message_id "
                + "IS NOT NULL") == 1);
        assertRefused(send(SEND_TOKEN, order("A-2001", "INR", "1234.00").replace("order-A-2001", "another-key")),
                409, "order_exists");
        clock.set(T0.plusSeconds(25 * 3600));
        assertRefused(send(SEND_TOKEN, order("A-2002", "INR", "1234.00")), 422, "window_closed");

        assertThat(probe.count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
        assertThat(probe.count("SELECT COUNT(*) FROM outbox WHERE source_id = 'api'")).isEqualTo(1);
        validateAgainstDescription();
    }

    /** An order of one item of {@code amount} (its subtotal too), with {@code tax} and {@code total}. */
    private static String single(String reference, String amount, String tax, String total) {
        return """
                {"to": "+919876543210", "idempotencyKey": "order-%1$s",
                 "order": {"kind": "details", "reference": "%1$s", "body": "Your Acme order, ready to pay",
                  "payment": {"type": "upi", "configuration": "acme-razorpay"}, "currency": "INR",
                  "items": [{"retailerId": "SKU-GOLD", "name": "Gold bar", "amount": "%2$s", "quantity": 1}],
                  "subtotal": "%2$s", "tax": "%3$s", "total": "%4$s"}}""".formatted(reference, amount, tax, total);
    }

    @Test
    void anAmountTooLargeForMetasIntegerIsRefusedBeforeAnythingIsStored() throws Exception {
        Conversation conversation = customerWrites();
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        // Before: max + 0.01 and 17 digits were stored, noted as sent and dead-lettered (hundredths overflow a
        // long), their reference burnt; 21 digits were a 500 (the orders column holds 17 before the point).
        for (String tooMuch : List.of("10000000000000000.00", "99999999999999999.99", "123456789012345678901.00")) {
            HttpResponse<String> r = send(SEND_TOKEN, single("BIG-1", tooMuch, "0", tooMuch));
            assertRefused(r, 422, "order_amount_invalid");
            assertThat(JSON.readTree(r.body()).path("message").asText()).as(tooMuch)
                    .startsWith("order.items[0].amount: ").contains("9999999999999999.99");
        }
        HttpResponse<String> tax = send(SEND_TOKEN, single("BIG-1", "1200.00", "10000000000000000.00",
                "10000000000001200.00"));
        assertRefused(tax, 422, "order_amount_invalid");
        assertThat(JSON.readTree(tax.body()).path("message").asText()).startsWith("order.tax: ");
        assertThat(probe.count("SELECT COUNT(*) FROM orders")).isZero();
        assertThat(probe.count("SELECT COUNT(*) FROM outbox WHERE source_id = 'api'")).isZero();

        // The largest amount is taken and sent, its hundredths whole; the reference the refusals named is still free.
        String max = "9999999999999999.99";
        HttpResponse<String> taken = send(SEND_TOKEN, single("BIG-1", max, "0", max));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
        probe.await("the order sent", () -> probe.count("SELECT COUNT(*) FROM messages WHERE provider_message_id = ?",
                SENT_WAMID) == 1);
        JsonNode parameters = body(only(meta.server(), postRequestedFor(urlPathEqualTo(MESSAGES))))
                .path("interactive").path("action").path("parameters");
        assertThat(parameters.path("total_amount").toString())
                .isEqualTo("{\"value\":999999999999999999,\"offset\":100}");
        assertThat(parameters.path("order").path("items").get(0).path("amount").path("value").asLong())
                .isEqualTo(999999999999999999L);
        assertThat(JSON.readTree(get(ADMIN_TOKEN, "/api/orders?conversation=" + conversation.id().value()).body())
                .path("orders").get(0).path("total").asText()).isEqualTo(max);
        probe.await("the note", () -> notes(ticket, "The business sent order BIG-1").size() == 1);
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        meta.assertEveryRequestMatchesDescription();
        validateAgainstDescription();
    }

    /** The internal notes on the ticket that contain {@code text}. */
    private List<String> notes(long ticket, String text) {
        List<String> found = new ArrayList<>();
        for (ZendeskStandIn.Comment c : zendesk.comments(ticket)) {
            if (c.body().contains(text)) {
                assertThat(c.isPublic()).as("an internal note").isFalse();
                found.add(c.body());
            }
        }
        return found;
    }

    private static void assertRefused(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).path("error").asText()).as(r.body()).isEqualTo(code);
    }

    private HttpResponse<String> send(String token, String json) throws Exception {
        return api.post(token, "/api/messages", json, Map.of());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return api.get(token, path);
    }

    /** Every answer of the API this test got, and every accepted request, against the host's description. */
    private void validateAgainstDescription() throws Exception {
        // A refused order may be one the description refuses too (a currency outside INR/BRL): its answer is checked.
        api.validate(r -> true, r -> r.statusCode() == 202);
    }

    private HttpResponse<String> postMeta(String json) {
        return probe.post("/webhooks/channels/wa-main", "application/json", Map.of("X-Hub-Signature-256",
                Hmac.sign(HostFixture.META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8))), json);
    }

    private static JsonNode body(LoggedRequest request) throws IOException {
        return JSON.readTree(request.getBodyAsString());
    }
}
