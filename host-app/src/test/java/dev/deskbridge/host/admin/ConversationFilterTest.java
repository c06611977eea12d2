package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationFilterTest {
    private static final Instant NOW = Instant.parse("2025-09-15T14:00:00Z");

    @Test
    void closingWithinTakesOpenWindowsUpToTheLimitInclusive() {
        ConversationFilter twoHours = new ConversationFilter(Optional.empty(), Optional.of(Duration.ofHours(2)), NOW, 10);
        assertThat(twoHours.matches(closingAt("2025-09-15T16:00:00Z", WindowPhase.CLOSING))).isTrue();
        assertThat(twoHours.matches(closingAt("2025-09-15T16:00:01Z", WindowPhase.OPEN))).isFalse();
        assertThat(twoHours.matches(closingAt("2025-09-15T14:00:00Z", WindowPhase.CLOSED))).as("closed now").isFalse();
        assertThat(twoHours.matches(new ConversationSummary(ConversationId.of("n"), "wa", "zd",
                PhoneNumber.of("+12015550123"), Optional.empty(), Optional.empty(), WindowPhase.CLOSED,
                Money.zero("USD"), Optional.empty()))).as("never opened").isFalse();
    }

    @Test
    void phaseFiltersByPhase() {
        ConversationFilter open = new ConversationFilter(Optional.of(WindowPhase.OPEN), Optional.empty(), NOW, 10);
        assertThat(open.matches(closingAt("2025-09-16T10:00:00Z", WindowPhase.OPEN))).isTrue();
        assertThat(open.matches(closingAt("2025-09-15T15:00:00Z", WindowPhase.CLOSING))).isFalse();
        assertThat(ConversationFilter.all(NOW).matches(closingAt("2025-09-15T15:00:00Z", WindowPhase.CLOSING))).isTrue();
    }

    @Test
    void refusesANegativeDuration() {
        assertThatThrownBy(() -> new ConversationFilter(Optional.empty(), Optional.of(Duration.ofHours(-1)), NOW, 10))
                .hasMessageContaining("negative");
    }

    @Test
    void refusesADurationPastAnyWindowWhoseEndNoStoreCouldHold() {
        assertThatThrownBy(() -> new ConversationFilter(Optional.empty(), Optional.of(Duration.ofDays(99_999_999_999_999L)),
                NOW, 10)).hasMessage("closingWithin must be at most 366 days, got PT2399999999999976H");
        assertThat(new ConversationFilter(Optional.empty(), Optional.of(ConversationFilter.MAX_CLOSING_WITHIN), NOW, 10)
                .matches(closingAt("2025-09-16T10:00:00Z", WindowPhase.OPEN))).isTrue();
    }

    @Test
    void refusesAPageOutsideOneToAThousand() {
        assertThatThrownBy(() -> new ConversationFilter(Optional.empty(), Optional.empty(), NOW, 0))
                .hasMessage("limit must be 1 to 1000, got 0");
        assertThatThrownBy(() -> new ConversationFilter(Optional.empty(), Optional.empty(), NOW, 1001))
                .hasMessageContaining("1001");
    }

    private static ConversationSummary closingAt(String at, WindowPhase phase) {
        return new ConversationSummary(ConversationId.of("c"), "wa", "zd", PhoneNumber.of("+12015550123"),
                Optional.empty(), Optional.of(Instant.parse(at)), phase, Money.zero("USD"), Optional.empty());
    }
}
