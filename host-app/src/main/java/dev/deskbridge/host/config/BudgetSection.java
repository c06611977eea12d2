package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.pricing.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code routes[].monthly_budget:} onto {@link Money}. */
final class BudgetSection {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** The budget as bound; a component is null when absent or already reported. */
    record Fields(BigDecimal amount, String currency) {}

    private BudgetSection() {}

    /** Null (after reporting why) when the budget is invalid. */
    static Money read(JsonNode node, String path, ConfigContext ctx) {
        Bound<Fields> s = ctx.bind(node, path, HostSettings.BUDGET, Set.of(), Fields.class);
        boolean ok = s.valid();
        BigDecimal amount = s.fields().amount();
        if (amount != null && amount.signum() < 0) {
            ctx.problem(Paths.child(path, "amount"), "must not be negative");
            ok = false;
        }
        String code = s.fields().currency();
        Currency currency = null;
        if (code != null && CURRENCY.matcher(code).matches()) {
            try {
                currency = Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                currency = null;
            }
        }
        if (code != null && currency == null) {
            ctx.problem(Paths.child(path, "currency"), "must be an ISO 4217 currency code such as USD, got '" + code + "'");
            ok = false;
        }
        return ok ? new Money(amount, currency) : null;
    }
}
