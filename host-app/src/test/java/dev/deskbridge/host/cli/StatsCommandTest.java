package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge stats}: the routes and days it refuses, as the admin API does. */
class StatsCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownRouteOrADayOutsideAnyLedgerIsRefused() throws Exception {
        Database.open(Database.h2File(dir.resolve("db")), 2).close();
        Path config = Files.writeString(dir.resolve("deskbridge.yaml"), "database: { url: 'jdbc:h2:file:"
                + dir.resolve("db").toAbsolutePath() + "' }\nroutes:\n  - channel: wa-main\n    crm: zendesk-main\n"
                + "  - channel: wa-ref\n    crm: zendesk-main\n");
        CliEnvironment env = CliRun.environment(dir, Map.of());

        CliRun unknown = CliRun.run(env, "stats", "--config", config.toString(), "--route", "nope");
        assertThat(unknown.exit()).as(unknown.all()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("deskbridge stats: --route: no route has the channel 'nope'; the routes'"
                + " channels: wa-main, wa-ref" + System.lineSeparator());
        CliRun known = CliRun.run(env, "stats", "--config", config.toString(), "--route", "wa-ref");
        assertThat(known.exit()).as(known.all()).isZero();

        CliRun far = CliRun.run(env, "stats", "--config", config.toString(), "--to", "+999999999-12-31");
        assertThat(far.exit()).as(far.all()).isEqualTo(2);
        assertThat(far.err()).contains("expected YYYY-MM-DD, got '+999999999-12-31'");
    }
}
