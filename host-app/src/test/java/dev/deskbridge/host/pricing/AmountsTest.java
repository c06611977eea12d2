package dev.deskbridge.host.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AmountsTest {
    @Test
    void amountsStoredAtDifferentScalesAreShownAlike() {
        assertThat(Amounts.format(new BigDecimal("0.055"))).isEqualTo("0.0550");
        assertThat(Amounts.format(new BigDecimal("0.055000"))).isEqualTo("0.0550");
        assertThat(Amounts.format(new BigDecimal("0.0068"))).isEqualTo("0.0068");
        assertThat(Amounts.format(new BigDecimal("12.5"))).isEqualTo("12.5000");
    }

    @Test
    void zeroIsShortAndFinerPricesKeepTheirDigits() {
        assertThat(Amounts.format(BigDecimal.ZERO)).isEqualTo("0.00");
        assertThat(Amounts.format(new BigDecimal("0.000000"))).isEqualTo("0.00");
        assertThat(Amounts.format(new BigDecimal("0.00125"))).isEqualTo("0.00125");
        assertThat(Amounts.format(new BigDecimal("100"))).isEqualTo("100.0000");
        assertThat(Amounts.format(new BigDecimal("0.055"), "USD")).isEqualTo("0.0550 USD");
    }
}
