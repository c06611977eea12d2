package dev.deskbridge.connector.zendesk.status;

import dev.deskbridge.connector.api.pricing.WindowPhase;
import java.util.List;

/** The tags that label a ticket's WhatsApp window; a ticket carries exactly one of them. */
public final class WindowTags {
    public static final String OPEN = "wa_window_open";
    public static final String CLOSING = "wa_window_closing";
    public static final String CLOSED = "wa_window_closed";
    private static final List<String> ALL = List.of(OPEN, CLOSING, CLOSED);

    private WindowTags() {}

    /** The tag for a phase. */
    public static String tagFor(WindowPhase phase) {
        switch (phase) {
            case OPEN:
                return OPEN;
            case CLOSING:
                return CLOSING;
            case CLOSED:
                return CLOSED;
            default:
                throw new AssertionError(phase);
        }
    }

    /** The window tags to remove when a ticket gets {@code tag}. */
    public static List<String> othersThan(String tag) {
        return ALL.stream().filter(t -> !t.equals(tag)).toList();
    }
}
