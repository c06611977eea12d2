package dev.deskbridge.host.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code pricing:} section.
 *
 * @param markets the markets CSV, when the shipped rate card is replaced
 * @param rates the rates CSV; present exactly when {@code markets} is
 * @param freeServiceAllowance free service messages per business number and month
 */
public record PricingConfig(Optional<Path> markets, Optional<Path> rates, long freeServiceAllowance) {
    public PricingConfig {
        Objects.requireNonNull(markets, "markets");
        Objects.requireNonNull(rates, "rates");
        if (markets.isPresent() != rates.isPresent()) {
            throw new IllegalArgumentException("give both markets and rates, or neither");
        }
        if (freeServiceAllowance < 0) {
            throw new IllegalArgumentException("freeServiceAllowance must not be negative");
        }
    }
}
