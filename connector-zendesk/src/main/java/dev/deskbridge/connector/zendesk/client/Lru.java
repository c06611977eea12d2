package dev.deskbridge.connector.zendesk.client;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;

/**
 * Small thread-safe caches bounded in size: Caffeine's, which evicts mostly the least recently
 * used entries (more precisely: those least likely to be asked for again). Values must not be null.
 */
public final class Lru {
    private Lru() {}

    /**
     * A concurrent map holding at most {@code maxSize} entries. Eviction runs on the calling thread,
     * so a plugin leaves no task behind in a shared pool when it is unloaded.
     */
    public static <K, V> Map<K, V> map(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
        return Caffeine.newBuilder().maximumSize(maxSize).executor(Runnable::run).<K, V>build().asMap();
    }
}
