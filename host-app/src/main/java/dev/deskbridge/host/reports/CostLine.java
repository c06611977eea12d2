package dev.deskbridge.host.reports;

import dev.deskbridge.connector.api.pricing.Money;
import java.util.Currency;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The sums of one group (or the total) of a month's ledger, in one currency.
 *
 * @param key the group ({@code US}, {@code utility}, a day...) or {@link CostReport#TOTAL}
 * @param currency every amount's currency
 * @param messages ledger rows counted
 * @param billed billable messages not failed
 * @param free messages not billable and not failed
 * @param failed messages not delivered (they cost nothing)
 * @param pending messages whose final pricing has not arrived yet
 * @param quoted the sum of quotes
 * @param settled the sum of settled costs (delivered and failed rows)
 * @param cost the spend as known now: settled where settled, else quoted
 * @param metaFee Meta's part of {@code cost}
 * @param channelFee the channel providers' part of {@code cost}
 * @param saved what answering inside windows saved: the templates that would have been needed otherwise
 * @param insideWindow how many messages were sent inside a window (not failed)
 */
public record CostLine(
        String key,
        Currency currency,
        long messages,
        long billed,
        long free,
        long failed,
        long pending,
        Money quoted,
        Money settled,
        Money cost,
        Money metaFee,
        Money channelFee,
        Money saved,
        long insideWindow) {

    public CostLine {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(currency, "currency");
        Stream.of(quoted, settled, cost, metaFee, channelFee, saved).forEach(m -> {
            Objects.requireNonNull(m, "amount");
            if (!m.currency().equals(currency)) {
                throw new IllegalArgumentException("amount " + m + " is not in " + currency);
            }
        });
        if (billed + free + failed != messages) {
            throw new IllegalArgumentException("billed + free + failed must equal messages");
        }
    }
}
