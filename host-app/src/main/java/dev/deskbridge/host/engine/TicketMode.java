package dev.deskbridge.host.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a message the business starts goes in the CRM. */
public enum TicketMode {
    /** A new ticket carries it. */
    OPEN,
    /** A note on the customer's open ticket; a new ticket when there is none. */
    ATTACH,
    /** Nothing in the CRM until the customer answers (the answer opens the ticket as usual). */
    NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static TicketMode fromWire(String value) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of " + Arrays.stream(values())
                        .map(TicketMode::wireName).collect(Collectors.joining(", ")) + ", got '" + value + "'"));
    }
}
