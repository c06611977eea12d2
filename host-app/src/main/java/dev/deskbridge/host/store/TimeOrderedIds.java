package dev.deskbridge.host.store;

import java.util.UUID;

/**
 * Ids that sort in the order they were made: UUIDs laid out as version 7 (RFC 9562), the first 48 bits
 * the milliseconds since the epoch, the rest random. A conversation's id keys the conversations'
 * primary index and the messages' and ledger's indexes by conversation; random ids put every new
 * conversation's entries at a random page of each, which on a large database is a page read from the
 * file and a whole page written back per index. Ids in creation order put them where the last ones went.
 */
final class TimeOrderedIds {
    private TimeOrderedIds() {}

    static String next() {
        return of(System.currentTimeMillis(), UUID.randomUUID());
    }

    /** The id of {@code millis}, its other bits from {@code random} (a version 4 UUID, IETF variant). */
    static String of(long millis, UUID random) {
        long high = (millis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits()).toString();
    }
}
