package dev.deskbridge.host.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/** How people are shown amounts of money: the same way in every report, table and note. */
public final class Amounts {
    private Amounts() {}

    /**
     * An amount as rate cards write prices: zero as {@code 0.00}, otherwise four decimals, or more
     * when the amount has them ({@code 0.0550}, {@code 0.0068}, {@code 0.00125}), so the columns of a
     * report line up however the ledger stored each figure.
     */
    public static String format(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() == 0) {
            return "0.00";
        }
        BigDecimal a = amount.stripTrailingZeros();
        return a.setScale(Math.max(4, a.scale())).toPlainString();
    }

    /** An amount and its currency code, as notes and the demo write them: {@code 0.0550 USD}. */
    public static String format(BigDecimal amount, String currency) {
        return format(amount) + " " + Objects.requireNonNull(currency, "currency");
    }
}
