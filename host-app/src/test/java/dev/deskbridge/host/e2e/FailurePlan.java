package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which requests a stand-in fails, and how: the next requests a predicate picks are answered 429,
 * 503, or a connection reset, or applied and then answered 503 (the ambiguous case a retry must
 * handle); {@link #down} fails every request until {@link #up}.
 */
final class FailurePlan {
    /**
     * How a picked request fails. {@code THROTTLED} says when to come back in seconds,
     * {@code THROTTLED_UNTIL} as an HTTP date two seconds ahead (RFC 9110 allows both).
     */
    enum Failure {
        THROTTLED, THROTTLED_UNTIL, UNAVAILABLE, RESET, APPLIED_THEN_UNAVAILABLE;

        boolean throttles() {
            return this == THROTTLED || this == THROTTLED_UNTIL;
        }
    }

    /** What a plan sees of a request. */
    record Call(String method, String path, String body) {
        boolean is(String m, String pathRegex) {
            return method.equals(m) && path.matches(pathRegex);
        }
    }

    private static final class Rule {
        final Predicate<Call> picks;
        final Failure failure;
        int left;

        Rule(int times, Predicate<Call> picks, Failure failure) {
            this.left = times;
            this.picks = picks;
            this.failure = failure;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private Failure downAs;
    private int served;

    /** Fails the next {@code times} requests that {@code picks} chooses. */
    synchronized void failNext(int times, Predicate<Call> picks, Failure failure) {
        rules.add(new Rule(times, picks, failure));
    }

    /** Every request fails as {@code failure} until {@link #up()}. */
    synchronized void down(Failure failure) {
        downAs = failure;
    }

    synchronized void up() {
        downAs = null;
    }

    /** How this request fails, if it does; counts it. */
    synchronized Optional<Failure> pick(Call call) {
        Failure failure = downAs;
        for (Rule rule : rules) {
            if (failure == null && rule.left > 0 && rule.picks.test(call)) {
                rule.left--;
                failure = rule.failure;
            }
        }
        if (failure != null) {
            served++;
        }
        return Optional.ofNullable(failure);
    }

    /** Requests answered with a failure so far. */
    synchronized int served() {
        return served;
    }

    /** Whether every planned failure has happened. */
    synchronized boolean usedUp() {
        return rules.stream().allMatch(r -> r.left == 0);
    }

    /** The answer for a failure other than {@link Failure#APPLIED_THEN_UNAVAILABLE}'s write. */
    static ResponseDefinition answer(Failure failure, String contentType, String throttledBody,
            String unavailableBody) {
        return switch (failure) {
            // Providers say when to come back on a 429.
            case THROTTLED -> aResponse().withStatus(429).withHeader("Retry-After", "1")
                    .withHeader("Content-Type", contentType).withBody(throttledBody).build();
            case THROTTLED_UNTIL -> aResponse().withStatus(429).withHeader("Retry-After",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)))
                    .withHeader("Content-Type", contentType).withBody(throttledBody).build();
            case RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case UNAVAILABLE, APPLIED_THEN_UNAVAILABLE -> aResponse().withStatus(503)
                    .withHeader("Content-Type", contentType).withBody(unavailableBody).build();
        };
    }
}
