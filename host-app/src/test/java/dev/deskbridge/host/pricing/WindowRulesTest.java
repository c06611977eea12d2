package dev.deskbridge.host.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowRulesTest {

    private static final Instant T0 = Instant.parse("2025-09-01T10:00:00Z");

    private static Instant t(String offset) {
        return T0.plus(Duration.parse(offset));
    }

    @Test
    void serviceWindowIsOpenFromTheFirstCustomerMessageUntil24hAfterTheLatest() {
        WindowState w = WindowRules.onCustomerMessage(WindowState.NONE, T0, false);

        assertThat(w.serviceWindowOpenAt(T0.minusSeconds(1))).isFalse();
        assertThat(w.serviceWindowOpenAt(T0)).isTrue();
        assertThat(w.serviceWindowOpenAt(t("PT23H59M59S"))).isTrue();
        assertThat(w.serviceWindowOpenAt(t("PT24H"))).isFalse();
        assertThat(WindowRules.maySend(w, OutboundKind.FREEFORM, t("PT24H"))).isFalse();
        assertThat(WindowRules.maySend(w, OutboundKind.TEMPLATE, t("PT24H"))).isTrue();
        assertThat(WindowRules.maySend(WindowState.NONE, OutboundKind.FREEFORM, T0)).isFalse();
    }

    @Test
    void aLateOlderCustomerMessageNeverShortensTheWindow() {
        WindowState w = WindowRules.onCustomerMessage(WindowState.NONE, t("PT5H"), false);
        WindowState late = WindowRules.onCustomerMessage(w, T0, false);

        assertThat(late.serviceWindowEndsAt()).contains(t("PT29H"));
        assertThat(late.firstCustomerMessageAt()).contains(T0);
        assertThat(late.serviceWindowOpenAt(t("PT28H"))).isTrue();
        // and a newer message moves the end forward
        assertThat(WindowRules.onCustomerMessage(late, t("PT10H"), false).serviceWindowEndsAt()).contains(t("PT34H"));
    }

    @Test
    void theFirstReplyWithin24hOfAnEntryPointOpensA72hFreeEntryPointWindow() {
        WindowState entry = WindowRules.onCustomerMessage(WindowState.NONE, T0, true);
        assertThat(entry.pendingEntryPointAt()).contains(T0);
        assertThat(WindowRules.decidingWindow(entry, t("PT1H"))).isEqualTo(OpenWindow.FREE_ENTRY_POINT);

        WindowState replied = WindowRules.onBusinessMessage(entry, t("PT1H"));

        assertThat(replied.pendingEntryPointAt()).isEmpty();
        assertThat(replied.freeEntryPointFrom()).contains(t("PT1H"));
        assertThat(replied.freeEntryPointUntil()).contains(t("PT73H"));
        assertThat(replied.freeEntryPointOpenAt(t("PT72H59M59S"))).isTrue();
        assertThat(replied.freeEntryPointOpenAt(t("PT73H"))).isFalse();
        // later business messages do not move it
        assertThat(WindowRules.onBusinessMessage(replied, t("PT30H"))).isEqualTo(replied);
    }

    @Test
    void aFirstReplyAtExactlyEntryPlus24hOpensNothing() {
        WindowState entry = WindowRules.onCustomerMessage(WindowState.NONE, T0, true);

        assertThat(WindowRules.decidingWindow(entry, t("PT24H"))).isEqualTo(OpenWindow.NONE);
        WindowState replied = WindowRules.onBusinessMessage(entry, t("PT24H"));

        assertThat(replied.freeEntryPointFrom()).isEmpty();
        assertThat(replied.pendingEntryPointAt()).isEmpty();
        // the entry point is used up: a later reply opens nothing either
        assertThat(WindowRules.onBusinessMessage(replied, t("PT25H")).freeEntryPointFrom()).isEmpty();
    }

    @Test
    void aReplyJustBeforeEntryPlus24hStillOpensTheWindow() {
        WindowState entry = WindowRules.onCustomerMessage(WindowState.NONE, T0, true);

        assertThat(WindowRules.onBusinessMessage(entry, t("PT23H59M59S")).freeEntryPointFrom()).contains(t("PT23H59M59S"));
    }

    @Test
    void anotherEntryPointWhileAFreeEntryPointWindowIsOpenOpensNothingNew() {
        WindowState fep = WindowRules.onBusinessMessage(WindowRules.onCustomerMessage(WindowState.NONE, T0, true), t("PT1H"));

        WindowState second = WindowRules.onCustomerMessage(fep, t("PT50H"), true);
        assertThat(second.pendingEntryPointAt()).isEmpty();
        WindowState replied = WindowRules.onBusinessMessage(second, t("PT51H"));

        assertThat(replied.freeEntryPointFrom()).contains(t("PT1H"));
        assertThat(replied.freeEntryPointUntil()).contains(t("PT73H"));
        assertThat(replied.serviceWindowEndsAt()).contains(t("PT74H")); // it still refreshes the service window
    }

    @Test
    void anEntryPointAfterTheFreeWindowClosedCanOpenANewOne() {
        WindowState fep = WindowRules.onBusinessMessage(WindowRules.onCustomerMessage(WindowState.NONE, T0, true), t("PT1H"));

        WindowState again = WindowRules.onBusinessMessage(WindowRules.onCustomerMessage(fep, t("PT80H"), true), t("PT81H"));

        assertThat(again.freeEntryPointFrom()).contains(t("PT81H"));
        assertThat(again.freeEntryPointUntil()).contains(t("PT153H"));
    }

    @Test
    void aBusinessMessageFromBeforeTheEntryPointLeavesItPending() {
        WindowState entry = WindowRules.onCustomerMessage(WindowState.NONE, T0, true);

        assertThat(WindowRules.onBusinessMessage(entry, T0.minusSeconds(60))).isEqualTo(entry);
    }

    @Test
    void businessMessagesWithoutAnEntryPointChangeNothing() {
        WindowState w = WindowRules.onCustomerMessage(WindowState.NONE, T0, false);

        assertThat(WindowRules.onBusinessMessage(w, t("PT1H"))).isEqualTo(w);
        assertThat(WindowRules.onBusinessMessage(WindowState.NONE, T0)).isEqualTo(WindowState.NONE);
    }

    @Test
    void statusIsOpenThenClosingWithinTheLeadTimeThenClosed() {
        WindowState w = WindowRules.onCustomerMessage(WindowState.NONE, T0, false);
        Money spent = Money.of("0.0250", "USD");
        Duration lead = Duration.ofHours(2);

        ConversationStatus open = WindowRules.status(w, t("PT21H59M59S"), lead, spent);
        ConversationStatus closing = WindowRules.status(w, t("PT22H"), lead, spent);
        ConversationStatus closed = WindowRules.status(w, t("PT24H"), lead, spent);

        assertThat(open.phase()).isEqualTo(WindowPhase.OPEN);
        assertThat(open.closesAt()).contains(t("PT24H"));
        assertThat(open.costSoFar()).isEqualTo(spent);
        assertThat(closing.phase()).isEqualTo(WindowPhase.CLOSING);
        assertThat(closing.closesAt()).contains(t("PT24H"));
        assertThat(closed.phase()).isEqualTo(WindowPhase.CLOSED);
        assertThat(closed.closesAt()).isEmpty();
        assertThat(WindowRules.status(WindowState.NONE, T0, lead, spent).phase()).isEqualTo(WindowPhase.CLOSED);
        assertThat(WindowRules.status(w, T0.minusSeconds(1), lead, spent).phase()).isEqualTo(WindowPhase.CLOSED);
        assertThatThrownBy(() -> WindowRules.status(w, T0, Duration.ofHours(-1), spent))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
