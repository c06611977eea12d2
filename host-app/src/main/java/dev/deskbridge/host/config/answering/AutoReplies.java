package dev.deskbridge.host.config.answering;

import dev.deskbridge.connector.api.model.OutboundMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A route's automatic answers, each optional. One customer message gets at most one of them, the
 * first that applies: a keyword rule, else the away message out of hours, else the greeting when
 * the conversation is new.
 *
 * @param away sent out of business hours (needs the route's {@code hours})
 * @param greeting sent for a conversation's first customer message
 * @param keywords tried in order on a text message
 * @param minInterval at most one automatic message per conversation within this period
 */
public record AutoReplies(Optional<OutboundMessage> away, Optional<OutboundMessage> greeting,
        List<KeywordRule> keywords, Duration minInterval) {
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofHours(12);

    public AutoReplies {
        Objects.requireNonNull(away, "away");
        Objects.requireNonNull(greeting, "greeting");
        keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords"));
        Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("minInterval must be positive");
        }
    }

    /** The first keyword rule that finds something in {@code text}. */
    public Optional<KeywordRule> keyword(String text) {
        return keywords.stream().filter(k -> k.matches(text)).findFirst();
    }
}
