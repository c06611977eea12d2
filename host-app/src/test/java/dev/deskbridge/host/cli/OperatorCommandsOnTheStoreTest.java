package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.host.admin.EngineTablesFixture;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.EnvLookup;
import dev.deskbridge.host.config.PricingConfig;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge costs} and {@code deskbridge conversations} through the real CLI over an engine-written H2 file. */
class OperatorCommandsOnTheStoreTest {
    @TempDir
    Path home;

    private String url;
    private Money engineSpend;
    private CliEnvironment environment;

    @BeforeEach
    void supportDay() {
        url = "jdbc:h2:file:" + home.resolve("data/deskbridge").toAbsolutePath();
        try (Database db = Database.open(new DatabaseConfig(url, "sa", new Secret("")), 2)) {
            EngineTablesFixture.supportDay(db,
                    PricingRulesFactory.create(new PricingConfig(Optional.empty(), Optional.empty(), 0)));
            engineSpend = db.inTransaction(c -> LedgerQueries.monthSpend(c, YearMonth.of(2026, 10),
                    Currency.getInstance("USD")));
        }
        environment = new CliEnvironment(EnvLookup.of(Map.of()), home, getClass().getClassLoader(),
                Clock.fixed(EngineTablesFixture.NOW, ZoneOffset.UTC));
    }

    @Test
    void costsOfTheMonthEqualTheEnginesLedgerSum() {
        CliRun run = CliRun.run(environment, "costs", "--database", url, "--by", "market");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("Costs 2026-10 by market\n")
                .containsPattern("total\\s+USD\\s+3\\s+2\\s+0\\s+1")
                .contains("USD: spent " + engineSpend.amount().toPlainString() + " ");
    }

    @Test
    void conversationsClosingWithinAnHourFromAConfigFile() throws Exception {
        Path config = Files.writeString(home.resolve("deskbridge.yaml"), "database:\n  url: " + url + "\n"
                + "engine:\n  warn_before: 1h\n");

        CliRun run = CliRun.run(environment, "conversations", "--config", config.toString(), "--closing-within", "1h");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out().lines().skip(2)).singleElement().asString()
                .contains("+120****0123", "1042", "closing", "30m 00s", "0.0034 USD");
    }

    @Test
    void aBadDatabaseSettingIsReportedWithExitCode2() throws Exception {
        Path config = Files.writeString(home.resolve("bad.yaml"), "database:\n  url: postgres://nowhere\n");

        CliRun run = CliRun.run(environment, "conversations", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("deskbridge conversations: ").contains("database");
    }

    @Test
    void withoutAConfigNoDatabaseIsCreatedAndTheOperatorIsTold() throws Exception {
        Path defaultFile = Path.of("data", "deskbridge.mv.db").toAbsolutePath();
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(defaultFile), "a database at the default place");
        try {
            CliRun run = CliRun.run(environment, "costs", "--month", "2026-10");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("deskbridge costs: no database at ").contains("--config FILE");
            assertThat(run.out()).isEmpty();
            CliRun dead = CliRun.run(environment, "dead-letters", "list", "--database",
                    "jdbc:h2:file:" + home.resolve("nowhere/db").toAbsolutePath());
            assertThat(dead.exit()).isEqualTo(2);
            assertThat(dead.err()).contains("no database at ");
            assertThat(defaultFile).doesNotExist();
            assertThat(home.resolve("nowhere")).doesNotExist();
        } finally {
            for (String suffix : new String[] {".mv.db", ".trace.db", ".lock.db"}) {
                Files.deleteIfExists(Path.of("data", "deskbridge" + suffix));
            }
        }
    }

    @Test
    void theAnswerComesWithoutThePoolsOrTheMigrationsStartUpLines() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            for (String[] args : new String[][] {{"costs", "--database", url}, {"conversations", "--database", url},
                    {"dead-letters", "list", "--database", url}}) {
                assertThat(CliRun.run(environment, args).exit()).isZero();
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).filteredOn(e -> e.getLoggerName().startsWith("com.zaxxer")
                || e.getLoggerName().startsWith("org.flywaydb")).isEmpty();
    }
}
