package dev.deskbridge.host.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.host.admin.LedgerEntry;
import dev.deskbridge.host.admin.LedgerOutcome;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostReportWriterTest {
    private static final YearMonth SEPT = YearMonth.of(2025, 9);
    private final CostReport report = CostReports.compute(SEPT, List.of(
            CostReportsTest.row("a", "US", true, "0.0040", LedgerOutcome.DELIVERED, Optional.empty()),
            CostReportsTest.row("b", "=cmd()", true, "0.0550", LedgerOutcome.DELIVERED, Optional.empty()),
            CostReportsTest.row("c", "US", false, "0", LedgerOutcome.DELIVERED, Optional.of("0.0040"))),
            Optional.of(CostGrouping.MARKET));

    @Test
    void tableShowsLinesTotalsAndTheMoneySaved() {
        String table = CostReportWriter.write(report, ReportFormat.TABLE);
        assertThat(table).startsWith("Costs 2025-09 by market\n");
        assertThat(table).containsPattern("US\\s+USD\\s+2\\s+1\\s+1\\s+0\\s+0\\s+0.0040\\s+0.0040\\s+0.0040\\s+0.0040");
        assertThat(table).containsPattern("total\\s+USD\\s+3\\s+2\\s+1");
        assertThat(table).contains("USD: spent 0.0590 (Meta 0.0590, channel 0.00) on 2 billed and 1 free messages, 0 failed;"
                + " answering inside windows saved 0.0040 on 1 messages\n");
    }

    @Test
    void csvHasAHeaderOneRowPerGroupAndDefusesFormulas() {
        String csv = CostReportWriter.write(report, ReportFormat.CSV);
        List<String> rows = csv.lines().toList();
        assertThat(rows.get(0)).isEqualTo("key,currency,messages,billed,free,failed,pending,inside_window,quoted,"
                + "settled,cost,meta_fee,channel_fee,saved");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("'=cmd(),USD,1,1,0,0,0,0,0.0550,");
        assertThat(rows.get(2)).isEqualTo("US,USD,2,1,1,0,0,1,0.0040,0.0040,0.0040,0.0040,0.00,0.0040");
        assertThat(csv).contains("\r\n");
    }

    @Test
    void csvWithoutGroupingHoldsTheTotals() {
        String csv = CostReportWriter.write(CostReports.compute(SEPT, List.of(
                CostReportsTest.row("a", "US", true, "0.0040", LedgerOutcome.DELIVERED, Optional.empty())),
                Optional.empty()), ReportFormat.CSV);
        assertThat(csv.lines().skip(1)).containsExactly("total,USD,1,1,0,0,0,0,0.0040,0.0040,0.0040,0.0040,0.00,0.00");
    }

    @Test
    void jsonCarriesAmountsAsDecimalStrings() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CostReportWriter.write(report, ReportFormat.JSON));
        assertThat(json.get("month").asText()).isEqualTo("2025-09");
        assertThat(json.get("by").asText()).isEqualTo("market");
        assertThat(json.get("totals").get(0).get("cost").isTextual()).isTrue();
        assertThat(json.get("totals").get(0).get("cost").asText()).isEqualTo("0.0590");
        assertThat(json.get("lines")).hasSize(2);
    }

    @Test
    void anEmptyMonthSaysSo() {
        assertThat(CostReportWriter.write(CostReports.compute(SEPT, List.of(), Optional.empty()), ReportFormat.TABLE))
                .isEqualTo("Costs 2025-09\nNo messages were sent this month.\n");
    }

    @Test
    void aLinkNameStoredBeforeNamesWereCheckedIsEscapedInEveryFormat() throws Exception {
        String name = "\u001b[2J\u001b[31mCLEARED\u202e\u009b (receipt, GW856Z)";
        LedgerEntry r = CostReportsTest.row("a", "US", true, "0.0040", LedgerOutcome.DELIVERED, Optional.empty());
        CostReport byLink = CostReports.compute(SEPT, List.of(new LedgerEntry(r.id(), r.at(), r.route(),
                r.conversation(), r.ticket(), r.direction(), r.market(), r.category(), r.type(), r.billable(),
                r.quoted(), r.settled(), r.metaFee(), r.channelFee(), r.outcome(), r.insideWindow(),
                r.priceOutsideWindow(), Optional.of(name))), Optional.of(CostGrouping.LINK));
        for (ReportFormat format : ReportFormat.values()) {
            String out = CostReportWriter.write(byLink, format);
            assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r' || c >= 0x7f && c < 0xa0
                    || c == 0x202e)).as(format + ": " + out).isEmpty();
            assertThat(out).as(format.name()).containsIgnoringCase("\\u001b[2J\\u001b[31mCLEARED\\u202e\\u009b (receipt, GW856Z)");
        }
        JsonNode json = new ObjectMapper().readTree(CostReportWriter.write(byLink, ReportFormat.JSON));
        assertThat(json.get("lines").get(0).get("key").asText()).as("the same text, read back").isEqualTo(name);
    }
}
