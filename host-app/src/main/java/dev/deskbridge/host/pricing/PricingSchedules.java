package dev.deskbridge.host.pricing;

import static dev.deskbridge.connector.api.pricing.PricingCategory.AUTHENTICATION;
import static dev.deskbridge.connector.api.pricing.PricingCategory.MARKETING;
import static dev.deskbridge.connector.api.pricing.PricingCategory.REFERRAL_CONVERSION;
import static dev.deskbridge.connector.api.pricing.PricingCategory.SERVICE;
import static dev.deskbridge.connector.api.pricing.PricingCategory.UTILITY;
import static dev.deskbridge.connector.api.pricing.PricingType.FREE_CUSTOMER_SERVICE;
import static dev.deskbridge.connector.api.pricing.PricingType.FREE_ENTRY_POINT;
import static dev.deskbridge.connector.api.pricing.PricingType.REGULAR;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pricing schedules, as data: an ordered list of non-overlapping {@link PricingSchedule}s.
 * A future change of Meta's pricing is one more entry in {@link #STANDARD}, never a new branch in
 * the rules.
 */
public final class PricingSchedules {

    private static final Outcome FREE_ENTRY = Outcome.free(REFERRAL_CONVERSION, FREE_ENTRY_POINT);

    /** Per-message pricing as introduced on 2025-07-01 (RULES.md). */
    public static final PricingSchedule PMP_2025_07 = new PricingSchedule(
            "PMP-2025-07",
            Instant.parse("2025-07-01T00:00:00Z"),
            Optional.of(Instant.parse("2026-10-01T00:00:00Z")),
            DecisionTable.builder()
                    //                               FEP open    else CSW open                                  else
                    .row(MessageClass.FREEFORM, FREE_ENTRY, Outcome.free(SERVICE, FREE_CUSTOMER_SERVICE), Outcome.NOT_ALLOWED)
                    .row(MessageClass.UTILITY_TEMPLATE, FREE_ENTRY, Outcome.free(UTILITY, FREE_CUSTOMER_SERVICE),
                            Outcome.billed(UTILITY, REGULAR))
                    .row(MessageClass.MARKETING_TEMPLATE, FREE_ENTRY, Outcome.billed(MARKETING, REGULAR),
                            Outcome.billed(MARKETING, REGULAR))
                    .row(MessageClass.AUTHENTICATION_TEMPLATE, FREE_ENTRY, Outcome.billed(AUTHENTICATION, REGULAR),
                            Outcome.billed(AUTHENTICATION, REGULAR))
                    .build());

    /** From 2026-10-01: service messages and utility templates inside the service window are billed. */
    public static final PricingSchedule PMP_2026_10 = new PricingSchedule(
            "PMP-2026-10",
            Instant.parse("2026-10-01T00:00:00Z"),
            Optional.empty(),
            PMP_2025_07.table()
                    .with(MessageClass.FREEFORM, OpenWindow.CUSTOMER_SERVICE, Outcome.billed(SERVICE, REGULAR))
                    .with(MessageClass.UTILITY_TEMPLATE, OpenWindow.CUSTOMER_SERVICE, Outcome.billed(UTILITY, REGULAR)));

    /** The schedules DeskBridge prices with. */
    public static final PricingSchedules STANDARD = new PricingSchedules(List.of(PMP_2025_07, PMP_2026_10));

    private final List<PricingSchedule> schedules;

    /** @throws IllegalArgumentException when two schedules overlap or two share a name */
    public PricingSchedules(List<PricingSchedule> schedules) {
        Objects.requireNonNull(schedules, "schedules");
        List<PricingSchedule> sorted = new ArrayList<>(schedules);
        sorted.sort(Comparator.comparing(PricingSchedule::from));
        for (int i = 1; i < sorted.size(); i++) {
            PricingSchedule before = sorted.get(i - 1);
            PricingSchedule next = sorted.get(i);
            if (before.until().isEmpty() || before.until().get().isAfter(next.from())) {
                throw new IllegalArgumentException("schedules " + before.id() + " and " + next.id() + " overlap");
            }
        }
        if (sorted.stream().map(PricingSchedule::id).distinct().count() != sorted.size()) {
            throw new IllegalArgumentException("two schedules share a name");
        }
        this.schedules = List.copyOf(sorted);
    }

    /** All schedules, earliest first. */
    public List<PricingSchedule> all() {
        return schedules;
    }

    /** The schedule with that name, if any. */
    public Optional<PricingSchedule> byId(String id) {
        return schedules.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The schedule that applies to a message sent at {@code at}.
     *
     * @throws PricingException {@code no_schedule} when none covers that instant: never a guess
     */
    public PricingSchedule at(Instant at) {
        // A handful of entries: a linear scan is the fastest lookup there is.
        for (int i = 0, n = schedules.size(); i < n; i++) {
            PricingSchedule schedule = schedules.get(i);
            if (schedule.covers(at)) {
                return schedule;
            }
        }
        throw new PricingException("no_schedule", "no pricing schedule covers " + at + " (known: " + describe() + ")");
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (PricingSchedule s : schedules) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s.id()).append(" [").append(s.from()).append(", ").append(s.until().map(Instant::toString).orElse("…"))
                    .append(')');
        }
        return b.toString();
    }
}
