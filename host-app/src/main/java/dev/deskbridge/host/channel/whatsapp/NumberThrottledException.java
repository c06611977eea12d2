package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.error.ThrottledException;
import java.time.Duration;

/**
 * Meta's 130429: the business number sent more than its throughput allows. Unlike a pair's limit
 * (131056, one customer) it concerns every send of the number, which therefore holds its sends.
 */
final class NumberThrottledException extends ThrottledException {
    private static final long serialVersionUID = 1L;

    NumberThrottledException(String message, Duration retryAfter) {
        super(message, retryAfter, null);
    }
}
