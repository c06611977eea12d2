package dev.deskbridge.host.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.Order;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.host.engine.OrderCheck;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta's payments messages (India's UPI, Brazil's Pix) as the channel sends them, every request
 * checked against Meta's description after each test (GraphStubTest).
 */
class WhatsAppOrderSendTest extends GraphStubTest {
    private static final String WAMID = "wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgSQjk2NzQ3NDQxQ0VCNzUwNENFAA==";

    @BeforeEach
    void acceptSends() {
        meta.acceptSends(WAMID);
    }

    static Order indianOrder(String reference) {
        return new Order(reference, "physical-goods", new Order.Payment("upi", Optional.of("acme-razorpay"),
                Optional.empty()), Currency.getInstance("INR"),
                List.of(new Order.Item("SKU-BREAD", "Sourdough bread", new BigDecimal("600.00"), 2)),
                new BigDecimal("1200.00"), new BigDecimal("60.00"), Optional.of(new BigDecimal("24.00")),
                Optional.of(new BigDecimal("50.00")), new BigDecimal("1234.00"));
    }

    private void send(String to, OutboundMessage message) {
        session.send(new SendRequest("outbox-1", PhoneNumber.of(MetaStub.BUSINESS), PhoneNumber.of(to), message,
                Optional.empty()));
    }

    @Test
    void anIndianOrderGoesAsReviewAndPayWithAmountsInHundredths() {
        send("+919876543210", new OutboundMessage.OrderDetails("Your order from Acme", indianOrder("A-1001")));

        meta.server().verify(1, postRequestedFor(urlPathEqualTo(MetaStub.MESSAGES_PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"919876543210","type":"interactive",
                 "biz_opaque_callback_data":"outbox-1",
                 "interactive":{"type":"order_details","body":{"text":"Your order from Acme"},
                  "action":{"name":"review_and_pay","parameters":{"reference_id":"A-1001","type":"physical-goods",
                   "payment_type":"upi","payment_configuration":"acme-razorpay","currency":"INR",
                   "total_amount":{"value":123400,"offset":100},
                   "order":{"status":"pending",
                    "items":[{"retailer_id":"SKU-BREAD","name":"Sourdough bread","amount":{"value":60000,"offset":100},
                              "quantity":2}],
                    "subtotal":{"value":120000,"offset":100},"tax":{"value":6000,"offset":100},
                    "shipping":{"value":2400,"offset":100},"discount":{"value":5000,"offset":100}}}}}}""")));
    }

    @Test
    void aBrazilianOrderCarriesItsPixCode() {
        Order order = new Order("BR-77", "digital-goods", new Order.Payment("br", Optional.empty(),
                Optional.of(new Order.Pix("00020101021226700014br.gov.bcb.pix", "Acme Ltda", "39580525000189",
                        "CNPJ"))), Currency.getInstance("BRL"),
                List.of(new Order.Item("GIFT-50", "Gift card", new BigDecimal("50"), 1)), new BigDecimal("50"),
                BigDecimal.ZERO, Optional.empty(), Optional.empty(), new BigDecimal("50.00"));
        send("+5511987654321", new OutboundMessage.OrderDetails("Seu pedido", order));

        meta.server().verify(1, postRequestedFor(urlPathEqualTo(MetaStub.MESSAGES_PATH)).withRequestBody(equalToJson("""
                {"interactive":{"type":"order_details","action":{"name":"review_and_pay","parameters":{
                  "payment_type":"br","currency":"BRL",
                  "payment_settings":[{"type":"pix_dynamic_code","pix_dynamic_code":{
                    "code":"00020101021226700014br.gov.bcb.pix","merchant_name":"Acme Ltda","key":"39580525000189",
                    "key_type":"CNPJ"}}],
                  "total_amount":{"value":5000,"offset":100}}}}}""", true, true)));
    }

    @Test
    void anOrderStatusNamesItsReference() {
        send("+919876543210", new OutboundMessage.OrderStatus("Your order is on its way", "A-1001", "shipped",
                Optional.of("Courier: BlueDart")));

        meta.server().verify(1, postRequestedFor(urlPathEqualTo(MetaStub.MESSAGES_PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"919876543210","type":"interactive",
                 "biz_opaque_callback_data":"outbox-1",
                 "interactive":{"type":"order_status","body":{"text":"Your order is on its way"},
                  "action":{"name":"review_order","parameters":{"reference_id":"A-1001",
                   "order":{"status":"shipped","description":"Courier: BlueDart"}}}}}""")));
    }

    @Test
    void anAmountWithMoreThanTwoDecimalsIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> OrderPayloads.amount(new BigDecimal("1.005")))
                .isInstanceOf(PermanentException.class).hasMessageContaining("1.005");
        assertThat(OrderPayloads.amount(new BigDecimal("1234.5")).toString())
                .isEqualTo("{\"value\":123450,\"offset\":100}");
    }

    @Test
    void theLargestAmountTheOrderCheckLetsThroughFitsMetasInteger() {
        // OrderCheck.MAX_AMOUNT is chosen for this offset: a larger offset must lower it.
        assertThat(OrderPayloads.amount(OrderCheck.MAX_AMOUNT).toString())
                .isEqualTo("{\"value\":999999999999999999,\"offset\":100}");
    }
}
