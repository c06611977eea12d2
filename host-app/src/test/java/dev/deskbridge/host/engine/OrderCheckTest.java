package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.Order;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.store.StoredOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order checks run before anything is stored, and the rule that keeps a payment from moving back. */
class OrderCheckTest {
    private static final PhoneNumber INDIA = PhoneNumber.of("+919876543210");
    private static final PhoneNumber BRAZIL = PhoneNumber.of("+5511987654321");
    private static final Instant T = Instant.parse("2026-11-10T09:00:00Z");

    private static Order order(String currency, Order.Payment payment, String subtotal, String total) {
        return new Order("R-1", "physical-goods", payment, Currency.getInstance(currency),
                List.of(new Order.Item("SKU-1", "Bread", new BigDecimal("10.00"), 3)), new BigDecimal(subtotal),
                new BigDecimal("1.50"), Optional.of(new BigDecimal("2")), Optional.of(new BigDecimal("0.50")),
                new BigDecimal(total));
    }

    private static final Order.Payment UPI = new Order.Payment("upi", Optional.of("acme"), Optional.empty());
    private static final Order.Payment PIX = new Order.Payment("br", Optional.empty(),
            Optional.of(new Order.Pix("000201", "Acme Ltda", "39580525000189", "CNPJ")));

    private static String refusal(PhoneNumber to, OutboundMessage m) {
        try {
            OrderCheck.check(to, m);
            return "accepted";
        } catch (SendRefusedException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    private static OutboundMessage.OrderDetails details(Order o) {
        return new OutboundMessage.OrderDetails("Your order", o);
    }

    @Test
    void consistentOrdersInIndiaAndBrazilPass() {
        assertThatCode(() -> OrderCheck.check(INDIA, details(order("INR", UPI, "30.00", "33.00"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> OrderCheck.check(BRAZIL, details(order("BRL", PIX, "30", "33"))))
                .doesNotThrowAnyException();
    }

    @Test
    void eachProblemHasItsCodeAndNamesItsField() {
        assertThat(refusal(INDIA, details(order("INR", UPI, "31.00", "34.00"))))
                .startsWith("order_amounts_inconsistent: order.subtotal");
        assertThat(refusal(INDIA, details(order("INR", UPI, "30.00", "33.01"))))
                .startsWith("order_amounts_inconsistent: order.total").contains("33.00");
        assertThat(refusal(INDIA, details(order("BRL", PIX, "30", "33"))))
                .startsWith("order_currency_mismatch: order.currency");
        assertThat(refusal(BRAZIL, details(order("BRL", UPI, "30", "33"))))
                .startsWith("order_payment_invalid: order.payment.type");
        assertThat(refusal(BRAZIL, details(order("BRL", new Order.Payment("br", Optional.empty(), Optional.empty()),
                "30", "33")))).startsWith("order_payment_invalid: order.payment.pix");
        assertThat(refusal(INDIA, details(order("INR", new Order.Payment("upi", Optional.empty(), Optional.empty()),
                "30", "33")))).startsWith("order_payment_invalid: order.payment.configuration");
        assertThat(refusal(PhoneNumber.of("+16505551234"), details(order("USD", UPI, "30", "33"))))
                .startsWith("order_market_unsupported");
        assertThat(refusal(INDIA, new OutboundMessage.OrderStatus("On its way", "R-1", "dispatched",
                Optional.empty()))).startsWith("order_status_invalid: order.status");
        assertThat(refusal(INDIA, new OutboundMessage.OrderStatus("On its way", "R 1", "shipped", Optional.empty())))
                .startsWith("order_reference_invalid");
        assertThat(refusal(INDIA, new OutboundMessage.OrderStatus("On its way", "R-1", "partially-shipped",
                Optional.empty()))).isEqualTo("accepted");
    }

    private static StoredOrder paid(String status, Instant at) {
        return new StoredOrder("c-1", "R-1", "wa-main", INDIA.e164(), 1, "INR", new BigDecimal("33.00"), "pending",
                Optional.of(status), Optional.of(at), Optional.of("pay_1"), Optional.empty(),
                Optional.empty(), T, T);
    }

    private static PaymentUpdate update(PaymentUpdate.Status status, Instant at) {
        return new PaymentUpdate("payment:R-1:pay_1:" + status, INDIA, "R-1", status, at, Optional.empty(),
                Optional.of("pay_1"), Optional.empty());
    }

    @Test
    void aPaymentMovesOnlyForwardByTheProvidersTime() {
        StoredOrder captured = paid("captured", T);
        assertThat(PaymentUpdates.newer(captured, update(PaymentUpdate.Status.PENDING, T.minusSeconds(1)))).isFalse();
        assertThat(PaymentUpdates.newer(captured, update(PaymentUpdate.Status.CAPTURED, T)))
                .as("the same status again").isFalse();
        assertThat(PaymentUpdates.newer(captured, update(PaymentUpdate.Status.PENDING, T)))
                .as("same second, an earlier stage").isFalse();
        assertThat(PaymentUpdates.newer(paid("pending", T), update(PaymentUpdate.Status.CAPTURED, T)))
                .as("same second, a later stage").isTrue();
        assertThat(PaymentUpdates.newer(paid("failed", T), update(PaymentUpdate.Status.PENDING, T.plusSeconds(60))))
                .as("a new attempt after a failure").isTrue();
        assertThat(PaymentUpdates.amount(new BigDecimal("1234"), "INR")).isEqualTo("1,234.00 INR");
    }

    @Test
    void anOrderSendCarriesOnlyOrders() {
        assertThatThrownBy(() -> new OrderSend(INDIA, new OutboundMessage.Text("hi", false), RouteName.NONE,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new OrderSend(INDIA, details(order("INR", UPI, "30", "33")), RouteName.NONE, Optional.empty())
                .referenceId()).isEqualTo("R-1");
    }
}
