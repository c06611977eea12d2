package dev.deskbridge.connector.zendesk.ticket;

import dev.deskbridge.connector.api.model.EntryLink;
import java.util.List;
import java.util.Locale;

/** How a ticket shows the click-to-chat link its conversation came from: two tags and a field text. */
final class EntryLinkView {
    static final String LINK_TAG_PREFIX = "wa_link_";
    static final String SOURCE_TAG_PREFIX = "wa_source_";

    private EntryLinkView() {}

    /** {@code wa_link_k7q2m9} and {@code wa_source_poster}: views and triggers can filter on them. */
    static List<String> tags(EntryLink link) {
        return List.of(LINK_TAG_PREFIX + tagSafe(link.code()), SOURCE_TAG_PREFIX + tagSafe(link.source()));
    }

    /** {@code Spring poster (poster)}. */
    static String fieldText(EntryLink link) {
        return link.name() + " (" + link.source() + ")";
    }

    // Zendesk tags are lower case without spaces; the host already keeps codes and sources to [a-z0-9_-].
    private static String tagSafe(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }
}
