package dev.deskbridge.host.reports;

import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.host.admin.ConversationSummary;
import dev.deskbridge.host.admin.PhoneMask;
import dev.deskbridge.host.pricing.Amounts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Prints conversations for {@code deskbridge conversations}: closing soonest first, numbers masked. */
public final class ConversationTable {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private ConversationTable() {}

    /** The table, computed for {@code asOf}. */
    public static String render(List<ConversationSummary> conversations, Instant asOf) {
        if (conversations.isEmpty()) {
            return "No conversations match.\n";
        }
        TextTable t = new TextTable("conversation", "route", "customer", "ticket", "window", ">closes in", ">cost",
                "last message");
        for (ConversationSummary c : conversations) {
            t.row(c.id().value(), c.channel() + "->" + c.crm(), PhoneMask.mask(c.customer()),
                    c.ticket().map(TicketRef::id).orElse("-"), c.phase().name().toLowerCase(Locale.ROOT),
                    c.windowClosesAt().filter(at -> at.isAfter(asOf)).map(at -> countdown(Duration.between(asOf, at)))
                            .orElse("-"),
                    Amounts.format(c.costSoFar().amount()) + " " + c.costSoFar().currency().getCurrencyCode(),
                    c.lastMessageAt().map(WHEN::format).orElse("-"));
        }
        return t.render();
    }

    /** {@code 23h 05m}, {@code 4m 10s}. */
    static String countdown(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) {
            return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dm %02ds", s / 60, s % 60);
    }
}
