package dev.deskbridge.host.config.answering;

import dev.deskbridge.connector.api.model.OutboundMessage;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A keyword answer: a customer message the pattern finds something in gets the reply.
 *
 * @param language the language the rule is written for ({@code en}, {@code de_DE}); documents the
 *     rule and names a template reply's language. WhatsApp does not say which language a customer
 *     writes in, so every rule is tried, in the order configured.
 * @param pattern what is looked for (a configured {@code word} becomes a whole-word, case-blind pattern)
 * @param reply a text or an approved template
 */
public record KeywordRule(Optional<String> language, Pattern pattern, OutboundMessage reply) {
    public KeywordRule {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(reply, "reply");
    }

    /** A whole word (or words), any case: {@code refund} finds "Refund?" but not "refunds". */
    public static Pattern word(String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word.strip()) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public boolean matches(String text) {
        return pattern.matcher(text).find();
    }
}
