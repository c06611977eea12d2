package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Reads {@code pricing:} onto {@link PricingConfig}. */
final class PricingSection {
    /** {@code pricing:} as bound; a component is null when absent or already reported. */
    record Fields(String markets, String rates, Long freeServiceAllowance) {}

    private PricingSection() {}

    /** Null (after reporting why) when the section is invalid. */
    static PricingConfig read(JsonNode node, ConfigContext ctx) {
        Bound<Fields> s = ctx.bind(node, "pricing", HostSettings.PRICING, Set.of(), Fields.class);
        Optional<Path> markets = ctx.existingFile("pricing.markets", s.fields().markets());
        Optional<Path> rates = ctx.existingFile("pricing.rates", s.fields().rates());
        Long allowance = ctx.between("pricing.free_service_allowance", s.fields().freeServiceAllowance(),
                0, Integer.MAX_VALUE);
        return s.valid() && allowance != null && markets != null && rates != null
                ? new PricingConfig(markets, rates, allowance)
                : null;
    }
}
