package dev.deskbridge.host.config.answering;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a route answers customers beside its agents: when the team is there, what is said
 * automatically, and the response time it aims for (responsiveness figures count against it).
 *
 * @param hours business hours; without them the team counts as always there
 * @param autoReplies automatic answers; none when absent
 * @param responseTarget the share "answered within target" counts replies inside this time
 */
public record Answering(Optional<BusinessHours> hours, Optional<AutoReplies> autoReplies, Duration responseTarget) {
    public static final Duration DEFAULT_RESPONSE_TARGET = Duration.ofHours(1);
    /** A route that configures none of it. */
    public static final Answering NONE = new Answering(Optional.empty(), Optional.empty(), DEFAULT_RESPONSE_TARGET);

    public Answering {
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(autoReplies, "autoReplies");
        Objects.requireNonNull(responseTarget, "responseTarget");
        if (responseTarget.isNegative() || responseTarget.isZero()) {
            throw new IllegalArgumentException("responseTarget must be positive");
        }
        if (autoReplies.flatMap(AutoReplies::away).isPresent() && hours.isEmpty()) {
            throw new IllegalArgumentException("an away message needs business hours");
        }
    }
}
