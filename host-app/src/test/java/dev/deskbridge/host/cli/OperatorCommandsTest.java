package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.host.admin.AdminStore;
import dev.deskbridge.host.admin.DemoData;
import dev.deskbridge.host.admin.InMemoryAdminQueries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code deskbridge costs} and {@code deskbridge conversations} over a demo-like store. */
class OperatorCommandsTest {
    private final InMemoryAdminQueries queries = DemoData.queries();
    private final List<Path> opened = new ArrayList<>();
    private final StoreAccess access = access(queries);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void costsPrintsTheMonthsTotalsThatEqualTheLedger() {
        assertThat(run(new CostsCommand(access), "--config", "prod.yaml")).isZero();
        BigDecimal ledgerCost = queries.ledger(YearMonth.of(2025, 9)).stream()
                .map(e -> e.cost().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(out.toString()).startsWith("Costs 2025-09\n")
                .contains("USD: spent " + ledgerCost.toPlainString() + " (Meta ")
                .contains("on 39 billed and 24 free messages, 1 failed");
        assertThat(opened).containsExactly(Path.of("prod.yaml"));
        assertThat(queries.closed()).isEqualTo(1);
    }

    @Test
    void costsByMarketAsCsvAndJson() throws Exception {
        assertThat(run(new CostsCommand(access), "--month", "2025-09", "--by", "market", "--format", "csv"))
                .isZero();
        List<String> rows = out.toString().lines().toList();
        assertThat(rows.get(0)).startsWith("key,currency,messages,billed,free");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.split(",")[0])
                .containsExactlyInAnyOrder("DE", "US", "BR", "IN", "GB", "MX");

        out.getBuffer().setLength(0);
        assertThat(run(new CostsCommand(access), "--by", "category", "--format", "json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("by").asText()).isEqualTo("category");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : json.get("lines")) {
            sum = sum.add(new BigDecimal(line.get("cost").asText()));
        }
        assertThat(sum).isEqualByComparingTo(json.get("totals").get(0).get("cost").asText());
    }

    @Test
    void costsRefusesBadArgumentsSayingWhatWasExpected() {
        assertThat(run(new CostsCommand(access), "--month", "Sept")).isEqualTo(2);
        assertThat(err.toString()).contains("expected YYYY-MM, got 'Sept'");
        assertThat(run(new CostsCommand(access), "--by", "country")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown grouping 'country'");
        assertThat(run(new CostsCommand(access), "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("expected table, csv or json, got 'xml'");
        assertThat(run(new CostsCommand(access), "--month", "-5000-01")).isEqualTo(2);
        assertThat(err.toString()).contains("expected YYYY-MM, got '-5000-01'");
        assertThat(run(new CostsCommand(access), "--month", "1999-12")).isEqualTo(2);
        assertThat(err.toString()).contains("expected a month from 2000-01 to 2999-12, got '1999-12'");
        assertThat(run(new ConversationsCommand(access), "--closing-within", "99999999999999d")).isEqualTo(2);
        assertThat(err.toString()).contains("expected a duration such as 2h, 30m or PT2H, got '99999999999999d';"
                + " at most 366d");
        assertThat(opened).isEmpty();
    }

    @Test
    void aStoreThatCannotBeOpenedIsReported() {
        StoreAccess badSettings = failing(new IllegalArgumentException("missing.yaml: no such file"));
        assertThat(run(new CostsCommand(badSettings), "--config", "missing.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("deskbridge costs: missing.yaml: no such file");
        StoreAccess down = failing(new IllegalStateException("Connection refused"));
        assertThat(run(new ConversationsCommand(down))).isEqualTo(1);
        assertThat(err.toString()).contains("deskbridge conversations: cannot open the database: Connection refused");
    }

    @Test
    void conversationsListsTheWindowsClosingSoonestFirstWithMaskedNumbers() {
        assertThat(run(new ConversationsCommand(access))).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("conversation").contains("closes in");
        assertThat(lines.get(2)).startsWith("c-eva").contains("+491******6789").contains("closing").contains("1h 10m");
        assertThat(out.toString()).doesNotContain("4915123456789");
        assertThat(lines).hasSize(2 + 8);
        assertThat(queries.closed()).isEqualTo(1);
    }

    @Test
    void conversationsClosingWithinTwoHours() {
        assertThat(run(new ConversationsCommand(access), "--closing-within", "2h")).isZero();
        List<String> rows = out.toString().lines().skip(2).toList();
        assertThat(rows).extracting(r -> r.split("\\s+")[0]).containsExactly("c-eva", "c-chloe");
        out.getBuffer().setLength(0);
        assertThat(run(new ConversationsCommand(access), "--closing-within", "10m")).isZero();
        assertThat(out.toString()).isEqualTo("No conversations match.\n");
        assertThat(run(new ConversationsCommand(access), "--closing-within", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("expected a duration such as 2h, 30m or PT2H, got 'soon'");
    }

    private StoreAccess access(InMemoryAdminQueries store) {
        return new StoreAccess() {
            @Override
            public AdminStore open(CommandLine.Model.CommandSpec spec, StoreOptions options) {
                opened.add(options.config);
                return store;
            }

            @Override
            public Clock clock(CommandLine.Model.CommandSpec spec) {
                return Clock.fixed(DemoData.NOW, ZoneOffset.UTC);
            }
        };
    }

    private StoreAccess failing(RuntimeException e) {
        return new StoreAccess() {
            @Override
            public AdminStore open(CommandLine.Model.CommandSpec spec, StoreOptions options) {
                throw e;
            }

            @Override
            public Clock clock(CommandLine.Model.CommandSpec spec) {
                return Clock.fixed(DemoData.NOW, ZoneOffset.UTC);
            }
        };
    }

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
