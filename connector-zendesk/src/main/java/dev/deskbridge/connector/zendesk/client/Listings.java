package dev.deskbridge.connector.zendesk.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the library's lazy listings. Its iterables fetch pages while being iterated, so read them
 * inside {@link ZendeskApi#call} for failures to be classified; stopping at {@code max} items keeps
 * a long listing to the pages actually needed.
 */
public final class Listings {
    private Listings() {}

    /** At most {@code max} items, in the listing's order; an empty list for a null listing. */
    public static <T> List<T> upTo(Iterable<T> items, int max) {
        List<T> out = new ArrayList<>();
        if (items == null || max <= 0) {
            return out;
        }
        for (T item : items) {
            out.add(item);
            if (out.size() >= max) {
                break;
            }
        }
        return out;
    }
}
