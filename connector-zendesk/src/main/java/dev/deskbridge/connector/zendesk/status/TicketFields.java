package dev.deskbridge.connector.zendesk.status;

import dev.deskbridge.connector.zendesk.client.Listings;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.zendesk.client.v2.model.Field;

/**
 * The ids of DeskBridge's two ticket fields: from the settings when given, otherwise found by
 * title (setup creates them with these titles). A missing field is looked for again after a
 * while, so running setup while the host runs is picked up without a restart.
 */
public final class TicketFields {
    /** Title of the text field that shows when free-form replies stop being possible. */
    public static final String WINDOW_TITLE = "WhatsApp window closes at";
    /** Title of the text field that shows the conversation's spend. */
    public static final String COST_TITLE = "WhatsApp cost so far";
    /** Title of the text field that shows the click-to-chat link a conversation came from. */
    public static final String LINK_TITLE = "WhatsApp entry link";
    private static final Duration RETRY_LOOKUP = Duration.ofMinutes(5);

    /** The field ids, each absent when the field does not exist (setup has not run). */
    public record Ids(Optional<Long> window, Optional<Long> cost) {
        public Ids {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(cost, "cost");
        }

        boolean complete() {
            return window.isPresent() && cost.isPresent();
        }
    }

    private final ZendeskApi api;
    private final Clock clock;
    private final Logger log;
    private final Optional<Long> configuredWindow;
    private final Optional<Long> configuredCost;
    private final Optional<Long> configuredLink;
    private Ids resolved;
    private Instant lookedUpAt;
    private Optional<Long> resolvedLink;
    private Instant linkLookedUpAt;

    public TicketFields(ZendeskApi api, Clock clock, Logger log, Optional<Long> windowFieldId,
            Optional<Long> costFieldId) {
        this(api, clock, log, windowFieldId, costFieldId, Optional.empty());
    }

    public TicketFields(ZendeskApi api, Clock clock, Logger log, Optional<Long> windowFieldId,
            Optional<Long> costFieldId, Optional<Long> linkFieldId) {
        this.configuredLink = Objects.requireNonNull(linkFieldId, "linkFieldId");
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.configuredWindow = Objects.requireNonNull(windowFieldId, "windowFieldId");
        this.configuredCost = Objects.requireNonNull(costFieldId, "costFieldId");
    }

    /** The ids, looking fields up by title when they are not configured. */
    public synchronized Ids ids() {
        if (configuredWindow.isPresent() && configuredCost.isPresent()) {
            return new Ids(configuredWindow, configuredCost);
        }
        Instant now = clock.instant();
        if (resolved != null && (resolved.complete() || now.isBefore(lookedUpAt.plus(RETRY_LOOKUP)))) {
            return resolved;
        }
        List<Field> fields = api.call("list ticket fields", z -> Listings.upTo(z.getTicketFields(), 2000));
        Ids ids = new Ids(configuredWindow.or(() -> byTitle(fields, WINDOW_TITLE)),
                configuredCost.or(() -> byTitle(fields, COST_TITLE)));
        if (!ids.complete()) {
            log.warn("Zendesk ticket fields '{}' / '{}' not found; run the Zendesk setup to create them."
                    + " Window tags and notes still work.", WINDOW_TITLE, COST_TITLE);
        }
        resolved = ids;
        lookedUpAt = now;
        return ids;
    }

    /**
     * The id of the entry link field: configured, or found by title. Looked up only when a message
     * carries a link, so hosts without links make no extra call.
     */
    public synchronized Optional<Long> linkId() {
        if (configuredLink.isPresent()) {
            return configuredLink;
        }
        Instant now = clock.instant();
        if (resolvedLink != null && (resolvedLink.isPresent() || now.isBefore(linkLookedUpAt.plus(RETRY_LOOKUP)))) {
            return resolvedLink;
        }
        List<Field> fields = api.call("list ticket fields", z -> Listings.upTo(z.getTicketFields(), 2000));
        resolvedLink = byTitle(fields, LINK_TITLE);
        linkLookedUpAt = now;
        if (resolvedLink.isEmpty()) {
            log.warn("Zendesk ticket field '{}' not found; run the Zendesk setup to create it. The link's tags"
                    + " still show where the customer came from.", LINK_TITLE);
        }
        return resolvedLink;
    }

    /** The active field with exactly this title, if any. */
    public static Optional<Long> byTitle(List<Field> fields, String title) {
        return fields.stream()
                .filter(f -> title.equals(f.getTitle()) && f.getId() != null && !Boolean.FALSE.equals(f.getActive()))
                .map(Field::getId)
                .findFirst();
    }
}
