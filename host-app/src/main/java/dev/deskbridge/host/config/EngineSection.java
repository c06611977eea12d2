package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/** Reads {@code engine:} onto {@link EngineConfig}. */
final class EngineSection {
    private static final Duration WINDOW = Duration.ofHours(24);
    /** A margin beyond this would turn away most replies near a window's end for no gain. */
    private static final Duration MAX_WINDOW_MARGIN = Duration.ofHours(1);

    /** {@code engine:} as bound; a component is null when absent or already reported. */
    record Fields(Long workers, Long maxAttempts, Duration maxAge, Duration warnBefore, Duration windowMargin,
            Duration keepHandled) {}

    private EngineSection() {}

    /** Null (after reporting why) when the section is invalid. */
    static EngineConfig read(JsonNode node, ConfigContext ctx) {
        Bound<Fields> s = ctx.bind(node, "engine", HostSettings.ENGINE, Set.of(), Fields.class);
        Fields f = s.fields();
        Long workers = ctx.between("engine.workers", f.workers(), 1, 256);
        Long attempts = ctx.between("engine.max_attempts", f.maxAttempts(), 1, 1000);
        Duration maxAge = ctx.positive("engine.max_age", f.maxAge());
        Duration warnBefore = ctx.positive("engine.warn_before", f.warnBefore());
        if (warnBefore != null && warnBefore.compareTo(WINDOW) >= 0) {
            ctx.problem("engine.warn_before", "must be shorter than the 24h customer service window");
            warnBefore = null;
        }
        Duration margin = f.windowMargin();
        if (margin != null && (margin.isNegative() || margin.compareTo(MAX_WINDOW_MARGIN) > 0)) {
            ctx.problem("engine.window_margin", "must be between 0s and " + MAX_WINDOW_MARGIN.toMinutes() + "m");
            margin = null;
        }
        Duration keep = f.keepHandled();
        if (keep != null && keep.compareTo(EngineConfig.MIN_KEEP_HANDLED) < 0) {
            ctx.problem("engine.keep_handled", "must be at least " + EngineConfig.MIN_KEEP_HANDLED.toDays() + "d: Meta "
                    + "redelivers a webhook for up to 7 days, and a redelivery is recognised by the item kept for it");
            keep = null;
        }
        return s.valid() && workers != null && attempts != null && maxAge != null && warnBefore != null
                && margin != null && keep != null
                ? new EngineConfig(workers.intValue(), attempts.intValue(), maxAge, warnBefore, margin, keep)
                : null;
    }
}
