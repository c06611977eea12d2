package dev.deskbridge.host.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.host.admin.DemoData;
import dev.deskbridge.host.admin.LedgerEntry;
import dev.deskbridge.host.admin.LedgerOutcome;
import dev.deskbridge.host.admin.MessageDirection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CostReportsTest {
    private static final YearMonth SEPT = YearMonth.of(2025, 9);

    @Test
    void totalsEqualTheLedgersSums() {
        List<LedgerEntry> ledger = DemoData.queries().ledger(SEPT);
        CostReport report = CostReports.compute(SEPT, ledger, Optional.empty());

        assertThat(report.totals()).hasSize(1);
        CostLine total = report.totals().get(0);
        assertThat(total.key()).isEqualTo(CostReport.TOTAL);
        assertThat(total.messages()).isEqualTo(ledger.size());
        assertThat(total.quoted()).isEqualTo(sum(ledger, LedgerEntry::quoted));
        assertThat(total.settled()).isEqualTo(sum(ledger, e -> e.settled().orElse(Money.zero("USD"))));
        assertThat(total.cost()).isEqualTo(sum(ledger, LedgerEntry::cost));
        assertThat(total.metaFee()).isEqualTo(sum(ledger, LedgerEntry::metaFee));
        assertThat(total.channelFee()).isEqualTo(sum(ledger, LedgerEntry::channelFee));
        assertThat(total.billed()).isEqualTo(ledger.stream()
                .filter(e -> e.billable() && e.outcome() != LedgerOutcome.FAILED).count());
        assertThat(total.failed()).isEqualTo(1);
        assertThat(report.lines()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CostGrouping.class)
    void linesOfEveryGroupingAddUpToTheTotals(CostGrouping grouping) {
        List<LedgerEntry> ledger = DemoData.queries().ledger(SEPT);
        CostReport report = CostReports.compute(SEPT, ledger, Optional.of(grouping));
        CostLine total = report.totals().get(0);

        assertThat(report.lines()).extracting(CostLine::key).doesNotHaveDuplicates();
        assertThat(report.lines().stream().mapToLong(CostLine::messages).sum()).isEqualTo(total.messages());
        assertThat(report.lines().stream().mapToLong(CostLine::billed).sum()).isEqualTo(total.billed());
        assertThat(report.lines().stream().mapToLong(CostLine::free).sum()).isEqualTo(total.free());
        assertThat(report.lines().stream().map(CostLine::cost).reduce(Money::plus)).contains(total.cost());
        assertThat(report.lines().stream().map(CostLine::quoted).reduce(Money::plus)).contains(total.quoted());
        assertThat(report.lines().stream().map(CostLine::saved).reduce(Money::plus)).contains(total.saved());
        assertThat(total.cost()).isEqualTo(sum(ledger, LedgerEntry::cost));
    }

    @Test
    void groupsByMarketWithTheCostliestFirst() {
        CostReport report = CostReports.compute(SEPT, List.of(
                row("a", "US", true, "0.0040", LedgerOutcome.DELIVERED, Optional.empty()),
                row("b", "DE", true, "0.0550", LedgerOutcome.DELIVERED, Optional.empty()),
                row("c", "US", false, "0", LedgerOutcome.DELIVERED, Optional.of("0.0040")),
                row("d", "US", true, "0.0250", LedgerOutcome.FAILED, Optional.empty())), Optional.of(CostGrouping.MARKET));

        assertThat(report.lines()).extracting(CostLine::key).containsExactly("DE", "US");
        CostLine us = report.lines().get(1);
        assertThat(us.messages()).isEqualTo(3);
        assertThat(us.billed()).isEqualTo(1);
        assertThat(us.free()).isEqualTo(1);
        assertThat(us.failed()).isEqualTo(1);
        assertThat(us.quoted()).isEqualTo(Money.of("0.0290", "USD"));
        assertThat(us.cost()).isEqualTo(Money.of("0.0040", "USD"));
        assertThat(us.saved()).isEqualTo(Money.of("0.0040", "USD"));
        assertThat(us.insideWindow()).isEqualTo(1);
    }

    @Test
    void aReplyBilledInsideTheWindowSavedOnlyWhatTheTemplateWouldHaveCostMore() {
        // Since October 2026 a service reply is billed, in some markets at the template's own rate.
        LedgerEntry atTheTemplatesRate = row("a", "DE", true, "0.0550", LedgerOutcome.DELIVERED, Optional.of("0.0550"));
        LedgerEntry cheaper = row("b", "DE", true, "0.0200", LedgerOutcome.DELIVERED, Optional.of("0.0550"));
        // Before: 0.0550 each, though the first cost as much as the template it spared.
        assertThat(atTheTemplatesRate.saved()).isEqualTo(Money.zero("USD"));
        assertThat(cheaper.saved()).isEqualTo(Money.of("0.0350", "USD"));
        assertThat(CostReports.compute(SEPT, List.of(atTheTemplatesRate, cheaper), Optional.empty()).totals().get(0)
                .saved()).isEqualTo(Money.of("0.0350", "USD"));
    }

    @Test
    void keepsEachCurrencyApart() {
        LedgerEntry eur = new LedgerEntry("e", Instant.parse("2025-09-03T10:00:00Z"), "wa->zd", ConversationId.of("c"),
                Optional.empty(), MessageDirection.OUTBOUND, Optional.of("DE"), Optional.of(PricingCategory.UTILITY),
                Optional.of(PricingType.REGULAR), true, Money.of("0.05", "EUR"),
                Optional.empty(), Money.of("0.05", "EUR"), Money.zero("EUR"), LedgerOutcome.PENDING, false,
                Optional.empty());
        CostReport report = CostReports.compute(SEPT, List.of(
                eur, row("a", "DE", true, "0.0550", LedgerOutcome.DELIVERED, Optional.empty())),
                Optional.of(CostGrouping.MARKET));

        assertThat(report.totals()).extracting(l -> l.currency().getCurrencyCode()).containsExactly("EUR", "USD");
        assertThat(report.lines()).hasSize(2);
        assertThat(report.totals().get(0).pending()).isEqualTo(1);
        assertThat(report.totals().get(0).settled()).isEqualTo(Money.zero(Currency.getInstance("EUR")));
        assertThat(report.totals().get(0).cost()).isEqualTo(Money.of("0.05", "EUR"));
    }

    @Test
    void ignoresRowsOfOtherMonthsAndReportsAnEmptyMonth() {
        LedgerEntry august = row("x", "US", true, "0.0040", LedgerOutcome.DELIVERED, Optional.empty());
        august = new LedgerEntry("x", Instant.parse("2025-08-31T23:59:59Z"), august.route(), august.conversation(),
                august.ticket(), august.direction(), august.market(), august.category(), august.type(), true, august.quoted(),
                august.settled(), august.metaFee(), august.channelFee(), august.outcome(), false, Optional.empty());
        CostReport report = CostReports.compute(SEPT, List.of(august), Optional.of(CostGrouping.DAY));
        assertThat(report.totals()).isEmpty();
        assertThat(report.lines()).isEmpty();
    }

    @Test
    void groupsByDayInOrderAndByTicketWithAPlaceForNoTicket() {
        List<LedgerEntry> ledger = new ArrayList<>(DemoData.queries().ledger(SEPT));
        CostReport byDay = CostReports.compute(SEPT, ledger, Optional.of(CostGrouping.DAY));
        assertThat(byDay.lines()).extracting(CostLine::key).isSorted().startsWith("2025-09-01").endsWith("2025-09-15");

        ledger.add(row("n", "US", true, "0.0040", LedgerOutcome.DELIVERED, Optional.empty()));
        CostReport byTicket = CostReports.compute(SEPT, ledger, Optional.of(CostGrouping.TICKET));
        assertThat(byTicket.lines()).extracting(CostLine::key).contains(CostGrouping.NO_TICKET, "1043");
    }

    @Test
    void aChannelsFeeOnAReceivedMessageIsCountedUnderItsOwnKey() {
        LedgerEntry inbound = new LedgerEntry("i", Instant.parse("2025-09-03T10:00:00Z"), "twilio-wa->twilio-desk",
                ConversationId.of("c"), Optional.empty(), MessageDirection.INBOUND, Optional.empty(), Optional.empty(),
                Optional.empty(), false, Money.of("0.005", "USD"), Optional.of(Money.of("0.005", "USD")),
                Money.zero("USD"), Money.of("0.005", "USD"), LedgerOutcome.DELIVERED, false, Optional.empty());
        CostReport byMarket = CostReports.compute(SEPT, List.of(inbound), Optional.of(CostGrouping.MARKET));
        assertThat(byMarket.lines()).extracting(CostLine::key).containsExactly(CostGrouping.UNPRICED);
        assertThat(byMarket.totals().get(0).channelFee()).isEqualTo(Money.of("0.005", "USD"));
        assertThat(byMarket.totals().get(0).free()).isEqualTo(1);
    }

    @Test
    void readsGroupingsByNameAndNamesTheChoicesWhenUnknown() {
        assertThat(CostGrouping.fromWire("Market")).isEqualTo(CostGrouping.MARKET);
        assertThatThrownBy(() -> CostGrouping.fromWire("country"))
                .hasMessageContaining("country").hasMessageContaining("market, category, route, ticket, day");
    }

    static LedgerEntry row(String id, String market, boolean billable, String price, LedgerOutcome outcome,
            Optional<String> savedIfFree) {
        Money quoted = Money.of(price, "USD");
        Optional<Money> settled = outcome == LedgerOutcome.PENDING ? Optional.empty()
                : Optional.of(outcome == LedgerOutcome.FAILED ? Money.zero("USD") : quoted);
        Money cost = settled.orElse(quoted);
        return new LedgerEntry(id, Instant.parse("2025-09-02T10:00:00Z"), "wa-main->zendesk-main",
                ConversationId.of("c-" + id), Optional.empty(), MessageDirection.OUTBOUND, Optional.of(market),
                Optional.of(billable ? PricingCategory.UTILITY : PricingCategory.SERVICE),
                Optional.of(billable ? PricingType.REGULAR : PricingType.FREE_CUSTOMER_SERVICE), billable, quoted, settled, cost,
                Money.zero("USD"), outcome, savedIfFree.isPresent(), savedIfFree.map(s -> Money.of(s, "USD")));
    }

    private static Money sum(List<LedgerEntry> ledger, Function<LedgerEntry, Money> f) {
        return new Money(ledger.stream().map(f).map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                Currency.getInstance("USD"));
    }
}
