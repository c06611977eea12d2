package dev.deskbridge.connector.zendesk.status;

import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.zendesk.client.v2.model.CustomFieldValue;

/**
 * What a ticket shows of a conversation's status: the window tag and the two field texts.
 *
 * @param windowTag one of {@link WindowTags}
 * @param closesAt the text of the "window closes at" field
 * @param costSoFar the text of the "cost so far" field
 */
public record StatusView(String windowTag, String closesAt, String costSoFar) {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public StatusView {
        Objects.requireNonNull(windowTag, "windowTag");
        Objects.requireNonNull(closesAt, "closesAt");
        Objects.requireNonNull(costSoFar, "costSoFar");
    }

    /** The view of a status. */
    public static StatusView of(ConversationStatus status) {
        String closes = status.closesAt().map(StatusView::when)
                .or(() -> status.window().serviceWindowEndsAt().map(end -> "closed since " + when(end)))
                .orElse("closed");
        return new StatusView(WindowTags.tagFor(status.phase()), closes, money(status.costSoFar()));
    }

    /** The field values, for the fields whose ids are known. */
    public List<CustomFieldValue> fieldValues(TicketFields.Ids ids) {
        List<CustomFieldValue> values = new ArrayList<>(2);
        ids.window().ifPresent(id -> values.add(new CustomFieldValue(id, new String[] {closesAt})));
        ids.cost().ifPresent(id -> values.add(new CustomFieldValue(id, new String[] {costSoFar})));
        return values;
    }

    /** An instant as agents read it: {@code 2026-10-06 08:00 UTC}. */
    public static String when(Instant instant) {
        return WHEN.format(instant);
    }

    /** Money with at least two decimals: {@code 0.0125 USD}, {@code 0.00 USD}. */
    public static String money(Money money) {
        BigDecimal amount = money.amount().stripTrailingZeros();
        if (amount.scale() < 2) {
            amount = amount.setScale(2);
        }
        return amount.toPlainString() + " " + money.currency().getCurrencyCode();
    }
}
