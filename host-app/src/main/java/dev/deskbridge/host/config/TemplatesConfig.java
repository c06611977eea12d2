package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.connector.api.config.Durations;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * {@code templates:}: how the template catalogue is kept current.
 *
 * @param syncEvery how often every channel's catalogue is read again (besides the provider's template
 *     webhooks); zero syncs only at start and on {@code deskbridge templates sync}
 */
public record TemplatesConfig(Duration syncEvery) {
    /** What the section takes, for the configuration reference. */
    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.withDefault("sync_every", SettingType.DURATION, "1h", "How often each channel's template"
                    + " catalogue is read again (template webhooks update it in between); 0 for start and"
                    + " `deskbridge templates sync` only, else at least 5m."))
            .build();
    public static final TemplatesConfig DEFAULTS = new TemplatesConfig(Duration.ofHours(1));
    /** Meta asks integrators not to poll the template list more often than this. */
    static final Duration MIN_SYNC = Duration.ofMinutes(5);

    public TemplatesConfig {
        Objects.requireNonNull(syncEvery, "syncEvery");
        if (syncEvery.isNegative()) {
            throw new IllegalArgumentException("syncEvery must not be negative");
        }
    }

    /** Reads the section, adding every problem with its path; the defaults when it is absent. */
    static TemplatesConfig read(JsonNode node, List<ConfigProblem> problems) {
        if (node == null || node.isNull()) {
            return DEFAULTS;
        }
        if (!node.isObject()) {
            problems.add(new ConfigProblem("templates", "must be a mapping (sync_every)"));
            return DEFAULTS;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("sync_every")) {
                problems.add(new ConfigProblem("templates." + key, "unknown setting; expected sync_every"));
            }
        }
        JsonNode every = node.get("sync_every");
        if (every == null || every.isNull()) {
            return DEFAULTS;
        }
        try {
            // A bare 0 is what the reference documents for "no scheduled sync"; a duration needs its unit.
            Duration d = every.asText().trim().equals("0") ? Duration.ZERO : Durations.parse(every.asText());
            if (d.isNegative() || (!d.isZero() && d.compareTo(MIN_SYNC) < 0)) {
                problems.add(new ConfigProblem("templates.sync_every", "must be 0 (no scheduled sync) or at least 5m, got '"
                        + every.asText() + "'"));
                return DEFAULTS;
            }
            return new TemplatesConfig(d);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("templates.sync_every", "must be a duration such as 1h or 30m, got '"
                    + every.asText() + "'"));
            return DEFAULTS;
        }
    }
}
