package dev.deskbridge.host.config;

import java.util.Objects;

/**
 * A section bound onto its record: whether everything in it passed the spec, and the record of
 * the values that are usable on their own (defaults applied; a component whose value is absent
 * or already reported is null), so a section's own checks still run and one pass reports every
 * problem.
 *
 * @param valid whether the section passed its spec and every value was a single value
 * @param fields the bound values; never null
 */
record Bound<T>(boolean valid, T fields) {
    Bound {
        Objects.requireNonNull(fields, "fields");
    }
}
