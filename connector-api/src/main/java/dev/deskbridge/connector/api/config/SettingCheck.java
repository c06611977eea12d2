package dev.deskbridge.connector.api.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A check of one setting's value beyond its {@link SettingType}: a pattern, allowed values, a
 * range, an https URL, duration bounds. It runs only on a value its type accepted, and what it
 * finds is reported together with every other setting's problems ({@link ConfigSpec#validate}).
 * Its {@link #description()} is shown in the configuration reference.
 *
 * <p>A check names the types it applies to; {@link Setting} refuses a check on another type at
 * declaration. Problems never contain a secret setting's value.
 */
public final class SettingCheck {
    private final String description;
    private final Set<SettingType> types;
    private final Predicate<String> accepts;
    private final String problem;

    private SettingCheck(String description, Set<SettingType> types, Predicate<String> accepts, String problem) {
        this.description = Objects.requireNonNull(description, "description");
        this.types = Set.copyOf(Objects.requireNonNull(types, "types"));
        this.accepts = Objects.requireNonNull(accepts, "accepts");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * A check of your own.
     *
     * @param description what is checked, for the reference ("an ISO 4217 currency code")
     * @param accepts whether a (trimmed) value passes; never sees a value its type refused
     * @param problem what is wrong when it does not ("must be an ISO 4217 currency code")
     * @param types the types it applies to; none means any
     */
    public static SettingCheck of(String description, Predicate<String> accepts, String problem, SettingType... types) {
        return new SettingCheck(description, types.length == 0 ? EnumSet.allOf(SettingType.class)
                : EnumSet.copyOf(Arrays.asList(types)), accepts, problem);
    }

    /**
     * The whole value matches a regular expression.
     *
     * @param regex the expression the whole value must match
     * @param meaning what it means, for people ("lower-case letters, digits and '-'"): the
     *     reference and the problem show this, not the expression
     */
    public static SettingCheck pattern(String regex, String meaning) {
        Pattern p = Pattern.compile(regex);
        Objects.requireNonNull(meaning, "meaning");
        return new SettingCheck(meaning, EnumSet.of(SettingType.STRING),
                v -> p.matcher(v).matches(), "must be " + meaning);
    }

    /** The value is one of these, exactly (case matters). */
    public static SettingCheck oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("oneOf needs at least one value");
        }
        String list = values.stream().collect(Collectors.joining(", "));
        return new SettingCheck("one of " + list, EnumSet.of(SettingType.STRING), values::contains,
                "must be one of " + list);
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public static SettingCheck range(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("range " + min + ".." + max + " is empty");
        }
        String text = "from " + min + " to " + max;
        return new SettingCheck(text, EnumSet.of(SettingType.INTEGER), v -> {
            long n = Long.parseLong(v);
            return n >= min && n <= max;
        }, "must be " + text);
    }

    /** A decimal number of at least {@code min} (for amounts: {@code atLeast(BigDecimal.ZERO)}). */
    public static SettingCheck atLeast(BigDecimal min) {
        Objects.requireNonNull(min, "min");
        String text = "at least " + min.toPlainString();
        return new SettingCheck(text, EnumSet.of(SettingType.DECIMAL, SettingType.INTEGER),
                v -> new BigDecimal(v).compareTo(min) >= 0, "must be " + text);
    }

    /**
     * An {@code https} URL, or {@code http} to a loopback address ({@code localhost},
     * {@code 127.0.0.1}, {@code [::1]}: a local stub or proxy), without user information: a
     * credential is never sent in clear text across a network, nor written into a URL.
     */
    public static SettingCheck httpsUrl() {
        return new SettingCheck("https (http only to localhost)", EnumSet.of(SettingType.URL),
                SettingCheck::isHttpsOrLoopback, "must be an https URL (http only to localhost) without user:password@");
    }

    /** A duration from {@code min} to {@code max}, both included. */
    public static SettingCheck durationBetween(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("duration range " + min + ".." + max + " is empty");
        }
        String text = "from " + Durations.format(min) + " to " + Durations.format(max);
        return new SettingCheck(text, EnumSet.of(SettingType.DURATION), v -> {
            Duration d = Durations.parse(v);
            return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
        }, "must be " + text);
    }

    /** What is checked, for the configuration reference. */
    public String description() {
        return description;
    }

    /** Whether this check can be declared on a setting of that type. */
    public boolean appliesTo(SettingType type) {
        return types.contains(type);
    }

    /**
     * Checks a value its type accepted.
     *
     * @param value the raw value (trimmed here)
     * @param secret whether the value must stay out of the message
     * @return what is wrong, or empty when the value passes
     */
    public Optional<String> check(String value, boolean secret) {
        String v = value.trim();
        boolean ok;
        try {
            ok = accepts.test(v);
        } catch (RuntimeException e) {
            ok = false;
        }
        return ok ? Optional.empty() : Optional.of(problem + (secret ? "" : ", got '" + v + "'"));
    }

    @Override
    public String toString() {
        return description;
    }

    private static boolean isHttpsOrLoopback(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getRawUserInfo() != null || uri.getScheme() == null || uri.getHost() == null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http")
                && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }
}
