package dev.deskbridge.connector.zendesk.ticket;

import java.util.Optional;

/**
 * What the Zendesk session asks the host to keep with a ticket ({@code TicketRef.crmData}): the
 * requester's user id, so a known conversation's next message needs no user look-up. Written as
 * {@code requester:<id>}; anything else (an older host, another format) reads as nothing known.
 */
public final class TicketData {
    private static final String REQUESTER = "requester:";

    private TicketData() {}

    /** The data of a ticket whose requester is this user. */
    public static String of(long requesterId) {
        return REQUESTER + requesterId;
    }

    static Optional<Long> requester(Optional<String> crmData) {
        return crmData.filter(d -> d.startsWith(REQUESTER)).flatMap(d -> {
            try {
                return Optional.of(Long.parseLong(d.substring(REQUESTER.length())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
