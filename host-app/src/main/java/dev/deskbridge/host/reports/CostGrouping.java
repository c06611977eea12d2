package dev.deskbridge.host.reports;

import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.host.admin.LedgerEntry;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How a cost report splits the month's ledger. The same groupings serve the CLI and the admin API. */
public enum CostGrouping {
    /** By the recipient's rate-card market. */
    MARKET(e -> e.market().orElse(CostGrouping.UNPRICED)),
    /** By pricing category ({@code service}, {@code utility}, ...). */
    CATEGORY(e -> e.category().map(PricingCategory::wireName).orElse(CostGrouping.UNPRICED)),
    /** By route ({@code channel->crm}). */
    ROUTE(LedgerEntry::route),
    /** By CRM ticket; messages of conversations without a ticket share one line. */
    TICKET(e -> e.ticket().orElse(CostGrouping.NO_TICKET)),
    /** By UTC day, for spend-over-time charts. */
    DAY(e -> e.at().atOffset(ZoneOffset.UTC).toLocalDate().toString()),
    /** By the click-to-chat link the conversation came from; conversations from none share one line. */
    LINK(e -> e.link().orElse(CostGrouping.NO_LINK));

    /** The key of rows not priced by WhatsApp's rate card (a channel's own fee on a received message). */
    public static final String UNPRICED = "(channel fee only)";

    /** The key of ledger rows of conversations that came from no link when grouping by link. */
    public static final String NO_LINK = "(no link)";

    /** The key of ledger rows with no ticket when grouping by ticket. */
    public static final String NO_TICKET = "(no ticket)";

    private final Function<LedgerEntry, String> key;

    CostGrouping(Function<LedgerEntry, String> key) {
        this.key = key;
    }

    /** The group a ledger row belongs to. */
    public String keyOf(LedgerEntry entry) {
        return key.apply(entry);
    }

    /** The lower-case name used on the command line and in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code market}, {@code category}, {@code route}, {@code ticket}, {@code day} or {@code link}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CostGrouping fromWire(String name) {
        return Arrays.stream(values())
                .filter(g -> g.wireName().equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown grouping '" + name + "'; use one of "
                        + Arrays.stream(values()).map(CostGrouping::wireName).collect(Collectors.joining(", "))));
    }
}
