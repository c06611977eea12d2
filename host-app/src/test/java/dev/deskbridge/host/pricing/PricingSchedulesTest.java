package dev.deskbridge.host.pricing;

import static dev.deskbridge.connector.api.pricing.PricingCategory.SERVICE;
import static dev.deskbridge.connector.api.pricing.PricingCategory.UTILITY;
import static dev.deskbridge.connector.api.pricing.PricingType.FREE_CUSTOMER_SERVICE;
import static dev.deskbridge.connector.api.pricing.PricingType.REGULAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PricingSchedulesTest {

    @Test
    void theScheduleIsChosenByTheMessagesInstant() {
        PricingSchedules s = PricingSchedules.STANDARD;

        assertThat(s.at(Instant.parse("2025-07-01T00:00:00Z")).id()).isEqualTo("PMP-2025-07");
        assertThat(s.at(Instant.parse("2026-09-30T23:59:59.999Z")).id()).isEqualTo("PMP-2025-07");
        assertThat(s.at(Instant.parse("2026-10-01T00:00:00Z")).id()).isEqualTo("PMP-2026-10");
        assertThat(s.at(Instant.parse("2099-01-01T00:00:00Z")).id()).isEqualTo("PMP-2026-10");
    }

    @Test
    void beforeJuly2025NoScheduleApplies() {
        assertThatThrownBy(() -> PricingSchedules.STANDARD.at(Instant.parse("2025-06-30T23:59:59Z")))
                .isInstanceOf(PricingException.class)
                .hasMessageContaining("no pricing schedule covers 2025-06-30T23:59:59Z")
                .extracting(e -> ((PricingException) e).code()).isEqualTo("no_schedule");
    }

    @Test
    void pmp2026DiffersFromPmp2025OnlyInsideTheServiceWindow() {
        DecisionTable old = PricingSchedules.PMP_2025_07.table();
        DecisionTable current = PricingSchedules.PMP_2026_10.table();

        assertThat(old.outcome(MessageClass.FREEFORM, OpenWindow.CUSTOMER_SERVICE)).isEqualTo(Outcome.free(SERVICE, FREE_CUSTOMER_SERVICE));
        assertThat(current.outcome(MessageClass.FREEFORM, OpenWindow.CUSTOMER_SERVICE)).isEqualTo(Outcome.billed(SERVICE, REGULAR));
        assertThat(old.outcome(MessageClass.UTILITY_TEMPLATE, OpenWindow.CUSTOMER_SERVICE)).isEqualTo(Outcome.free(UTILITY, FREE_CUSTOMER_SERVICE));
        assertThat(current.outcome(MessageClass.UTILITY_TEMPLATE, OpenWindow.CUSTOMER_SERVICE)).isEqualTo(Outcome.billed(UTILITY, REGULAR));
        assertThat(current.with(MessageClass.FREEFORM, OpenWindow.CUSTOMER_SERVICE, old.outcome(MessageClass.FREEFORM, OpenWindow.CUSTOMER_SERVICE))
                .with(MessageClass.UTILITY_TEMPLATE, OpenWindow.CUSTOMER_SERVICE, old.outcome(MessageClass.UTILITY_TEMPLATE, OpenWindow.CUSTOMER_SERVICE)))
                .isEqualTo(old);
    }

    @Test
    void aFutureScheduleIsOneMoreEntry() {
        PricingSchedule ended = new PricingSchedule("PMP-2026-10", PricingSchedules.PMP_2026_10.from(),
                Optional.of(Instant.parse("2027-04-01T00:00:00Z")), PricingSchedules.PMP_2026_10.table());
        PricingSchedule future = new PricingSchedule("PMP-2027-04", Instant.parse("2027-04-01T00:00:00Z"), Optional.empty(),
                ended.table().with(MessageClass.MARKETING_TEMPLATE, OpenWindow.FREE_ENTRY_POINT,
                        Outcome.billed(dev.deskbridge.connector.api.pricing.PricingCategory.MARKETING, REGULAR)));

        PricingSchedules s = new PricingSchedules(List.of(PricingSchedules.PMP_2025_07, ended, future));

        assertThat(s.at(Instant.parse("2027-03-31T23:59:59Z")).id()).isEqualTo("PMP-2026-10");
        assertThat(s.at(Instant.parse("2027-04-01T00:00:00Z")).id()).isEqualTo("PMP-2027-04");
        assertThat(s.byId("PMP-2027-04")).contains(future);
    }

    @Test
    void overlappingSchedulesAreRefused() {
        assertThatThrownBy(() -> new PricingSchedules(List.of(PricingSchedules.PMP_2026_10, PricingSchedules.PMP_2025_07,
                        new PricingSchedule("X", Instant.parse("2027-01-01T00:00:00Z"), Optional.empty(),
                                PricingSchedules.PMP_2026_10.table()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schedules PMP-2026-10 and X overlap");
    }

    @Test
    void aDecisionTableNeedsEveryCell() {
        assertThatThrownBy(() -> DecisionTable.builder().row(MessageClass.FREEFORM, Outcome.NOT_ALLOWED,
                        Outcome.NOT_ALLOWED, Outcome.NOT_ALLOWED).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UTILITY_TEMPLATE");
    }
}
