package dev.deskbridge.connector.zendesk.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small thread-safe caches that forget the least recently used entry beyond a size. */
public final class Lru {
    private Lru() {}

    /** A synchronized map holding at most {@code maxSize} entries, evicting the least recently used. */
    public static <K, V> Map<K, V> map(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxSize;
            }
        });
    }
}
