package dev.deskbridge.host.admin.responsiveness;

import java.time.Instant;
import java.util.List;

/** Where timelines come from: the store in the host ({@link TimelineStore}), a list in tests and demos. */
@FunctionalInterface
public interface TimelineSource {
    /** The timelines of conversations with a customer message or a template in {@code [from, to)}. */
    List<Timeline> timelines(Instant from, Instant to);
}
