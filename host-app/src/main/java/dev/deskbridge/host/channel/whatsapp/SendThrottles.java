package dev.deskbridge.host.channel.whatsapp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SendThrottle} per phone number id: Meta counts throughput per number, so sessions of
 * the same number (a reloaded configuration, a second instance by mistake) share their turns.
 */
final class SendThrottles {
    private record Key(String phoneNumberId, int perSecond, Duration maxWait) {}

    private final Map<String, Map.Entry<Key, SendThrottle>> byNumber = new ConcurrentHashMap<>();

    /** The number's throttle; a changed rate or wait replaces it for the sessions opened from now on. */
    SendThrottle forNumber(String phoneNumberId, int perSecond, Duration maxWait) {
        Key key = new Key(phoneNumberId, perSecond, maxWait);
        return byNumber.compute(phoneNumberId, (id, current) -> current != null && current.getKey().equals(key)
                ? current : Map.entry(key, new SendThrottle(perSecond, maxWait))).getValue();
    }
}
