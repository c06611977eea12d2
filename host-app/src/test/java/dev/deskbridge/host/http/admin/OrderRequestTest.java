package dev.deskbridge.host.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.OutboundMessage;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An order's amounts are read as written digits, short enough to be cheap to read and to check. */
class OrderRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode order(String total) throws Exception {
        return JSON.readTree("""
                {"to": "+919876543210", "order": {"kind": "details", "reference": "A-1", "body": "Pay",
                 "payment": {"type": "upi", "configuration": "acme"}, "currency": "INR",
                 "items": [{"retailerId": "SKU-1", "name": "Bread", "amount": "10.00", "quantity": 1}],
                 "subtotal": "10.00", "total": "%s"}}""".formatted(total));
    }

    private static BigDecimal total(String written) throws Exception {
        return ((OutboundMessage.OrderDetails) OrderRequest.parse(order(written), Optional.empty()).message())
                .order().total();
    }

    @Test
    @Timeout(10)
    void anAmountWithAnExponentOrTooManyCharactersIsABadRequest() {
        // Before: parsed, then the order check wrote "1E-999999999" out in full (OutOfMemoryError).
        assertThatThrownBy(() -> total("1E-999999999")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("order.total: '1E-999999999' is not a decimal amount written as digits");
        assertThatThrownBy(() -> total("1e3")).hasMessageStartingWith("order.total: '1e3' is not");
        assertThatThrownBy(() -> total("9".repeat(65))).hasMessage("order.total: at most 64 characters");
    }

    @Test
    void plainAmountsAreLeftToTheOrderCheckEvenWhenItWillRefuseThem() throws Exception {
        assertThat(total("1234.50")).isEqualByComparingTo("1234.50");
        assertThat(total("123456789012345678901.00")).isEqualByComparingTo("123456789012345678901");
        assertThat(total("-5")).isEqualByComparingTo("-5");
        assertThat(total("1.005")).isEqualByComparingTo("1.005");
    }
}
