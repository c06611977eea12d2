package dev.deskbridge.connector.api.config;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The type of a declared setting. Each type knows how to check a raw string value.
 *
 * <p>Messages returned by {@link #check(String, boolean)} never contain the value when the
 * setting is secret.
 */
public enum SettingType {
    STRING,
    INTEGER,
    DECIMAL,
    BOOLEAN,
    /** ISO-8601 ({@code PT2H}) or a short form: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 3d}. */
    DURATION,
    /** An absolute {@code http} or {@code https} URL. */
    URL,
    /** A phone number in E.164 form ({@code +12015550123}). */
    E164;

    private static final Pattern E164_PATTERN = Pattern.compile("\\+[1-9]\\d{1,14}");

    /**
     * Checks a raw value.
     *
     * @param value the raw value, never null
     * @param secret whether the value must stay out of the message
     * @return a problem description, or empty when the value is acceptable
     */
    public Optional<String> check(String value, boolean secret) {
        String shown = secret ? "the given value" : "'" + value + "'";
        switch (this) {
            case STRING:
                return value.isBlank() ? Optional.of("must not be blank") : Optional.empty();
            case INTEGER:
                try {
                    Long.parseLong(value.trim());
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of("must be a whole number, got " + shown);
                }
            case DECIMAL:
                try {
                    new BigDecimal(value.trim());
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of("must be a decimal number, got " + shown);
                }
            case BOOLEAN:
                String b = value.trim().toLowerCase(Locale.ROOT);
                return b.equals("true") || b.equals("false")
                        ? Optional.empty()
                        : Optional.of("must be true or false, got " + shown);
            case DURATION:
                String d = value.trim();
                try {
                    return Durations.parse(d).isNegative()
                            ? Optional.of("must be positive, got " + shown)
                            : Optional.empty();
                } catch (IllegalArgumentException e) {
                    // "-5m" is a duration with a sign, not something else: say what is wrong with it.
                    return d.startsWith("-") && Durations.isDuration(d.substring(1))
                            ? Optional.of("must be positive, got " + shown)
                            : Optional.of("must be a duration such as 30s, 5m, 2h or PT2H, got " + shown);
                }
            case URL:
                return checkUrl(value.trim(), shown);
            case E164:
                return E164_PATTERN.matcher(value.trim()).matches()
                        ? Optional.empty()
                        : Optional.of("must be a phone number in E.164 form like +12015550123, got " + shown);
            default:
                throw new AssertionError(this);
        }
    }

    private static Optional<String> checkUrl(String value, String shown) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.of("must be an http or https URL, got " + shown);
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of("must be an absolute URL with a host, got " + shown);
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("must be a valid URL, got " + shown);
        }
    }
}
