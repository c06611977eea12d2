package dev.deskbridge.host.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PricingSettingsTest {

    @Test
    void absentKeysTakeTheDefaults() {
        PricingSettings s = PricingSettings.fromConfig(Map.of());

        assertThat(s).isEqualTo(PricingSettings.DEFAULTS);
        assertThat(s.freeServiceAllowance()).isZero();
        assertThat(s.markets()).isEmpty();
    }

    @Test
    void readsEveryKey() {
        PricingSettings s = PricingSettings.fromConfig(Map.of(
                "pricing.markets", "/etc/m.csv", "pricing.rates", "/etc/r.csv",
                "pricing.free-service-allowance", 1000, "pricing.closing-lead", "90m", "pricing.number-cache-size", "10"));

        assertThat(s.markets()).contains("/etc/m.csv");
        assertThat(s.rates()).contains("/etc/r.csv");
        assertThat(s.freeServiceAllowance()).isEqualTo(1000);
        assertThat(s.closingLead()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.numberCacheSize()).isEqualTo(10);
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> PricingSettings.fromConfig(Map.of("pricing.free-service-allowance", "many")))
                .hasMessage("pricing.free-service-allowance must be a whole number, got 'many'");
        assertThatThrownBy(() -> PricingSettings.fromConfig(Map.of("pricing.free-service-allowance", "-1")))
                .hasMessage("pricing.free-service-allowance must be 0 or more, got -1");
        assertThatThrownBy(() -> PricingSettings.fromConfig(Map.of("pricing.closing-lead", "soon")))
                .hasMessage("pricing.closing-lead must be a duration such as 2h, 90m or PT2H, got 'soon'");
        assertThatThrownBy(() -> PricingSettings.fromConfig(Map.of("pricing.markets", "/etc/m.csv")))
                .hasMessageContaining("pricing.markets and pricing.rates go together");
        assertThatThrownBy(() -> new PricingSettings(Optional.empty(), Optional.empty(), 0, Duration.ofHours(-1), 1))
                .hasMessageContaining("pricing.closing-lead must not be negative");
    }
}
