package dev.deskbridge.connector.api.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Validated settings of one connector instance, with defaults applied. Created by
 * {@link ConfigSpec#resolve(Map)}; immutable and safe to share between threads.
 *
 * <p>Typed getters throw {@link IllegalArgumentException} for a name the spec does not declare,
 * so a typo fails fast. A secret setting is read only with {@link #secret(String)}: the plain
 * getters refuse it, so a credential cannot slip into a {@code String} that ends up in a log.
 * {@link #toString()} masks every secret.
 */
public final class Settings {
    private final ConfigSpec spec;
    private final Map<String, String> values;

    Settings(ConfigSpec spec, Map<String, String> values) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.values = Map.copyOf(values);
    }

    /** The value of a setting that is not secret. */
    public Optional<String> string(String name) {
        if (declared(name).secret()) {
            throw new IllegalArgumentException("setting " + name + " is secret: read it with secret(\"" + name + "\")");
        }
        return Optional.ofNullable(values.get(name));
    }

    public String requireString(String name) {
        return string(name).orElseThrow(() -> new IllegalStateException("setting " + name + " has no value"));
    }

    public Optional<Secret> secret(String name) {
        Setting s = declared(name);
        if (!s.secret()) {
            throw new IllegalArgumentException("setting " + name + " is not declared secret");
        }
        return Optional.ofNullable(values.get(name)).map(Secret::new);
    }

    public Optional<Long> integer(String name) {
        return string(name).map(v -> Long.parseLong(v.trim()));
    }

    public Optional<BigDecimal> decimal(String name) {
        return string(name).map(v -> new BigDecimal(v.trim()));
    }

    public Optional<Boolean> bool(String name) {
        return string(name).map(v -> Boolean.parseBoolean(v.trim()));
    }

    public Optional<Duration> duration(String name) {
        return string(name).map(Durations::parse);
    }

    public Optional<URI> url(String name) {
        return string(name).map(v -> URI.create(v.trim()));
    }

    /** Whether a value (given or default) is present. */
    public boolean has(String name) {
        declared(name);
        return values.containsKey(name);
    }

    /** Values with every secret replaced by {@code ****}: safe to print. */
    public Map<String, String> masked() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting s : spec.settings()) {
            String v = values.get(s.name());
            if (v != null) {
                out.put(s.name(), s.secret() ? "****" : v);
            }
        }
        return out;
    }

    private Setting declared(String name) {
        return spec.setting(name).orElseThrow(() -> new IllegalArgumentException("undeclared setting: " + name));
    }

    @Override
    public String toString() {
        return masked().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "Settings{", "}"));
    }
}
