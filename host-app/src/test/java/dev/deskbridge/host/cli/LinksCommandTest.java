package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.config.EnvLookup;
import dev.deskbridge.host.links.ChatLink;
import dev.deskbridge.host.links.LinkStore;
import dev.deskbridge.host.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge links} on the configured database: what it refuses, and what it prints of stored links. */
class LinksCommandTest {
    private static final String CLEARS_THE_SCREEN = "\u001b[2J\u001b[31mCLEARED\u202e\u009b";

    @TempDir
    Path home;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @Test
    void aNameWithControlCharactersIsRefusedAndNothingIsStored() throws IOException {
        Path config = config();
        assertThat(run("links", "create", "--config", config.toString(), "--channel", "wa-main", "--name",
                CLEARS_THE_SCREEN, "--source", "poster", "--message", "Hi")).isEqualTo(2);
        assertThat(err.toString()).contains("name: character 1 is U+001B (ESCAPE); a name takes one line of text,"
                + " no control characters").doesNotContain("\u001b");
        assertThat(run("links", "list", "--config", config.toString())).isZero();
        assertThat(out.toString().lines()).hasSize(2);
    }

    @Test
    void aLinkStoredBeforeNamesWereCheckedIsPrintedEscaped() throws IOException {
        Path config = config();
        try (Database db = Database.open(Database.h2File(home.resolve("db")), 2)) {
            ChatLink old = new ChatLink("GW856Z", CLEARS_THE_SCREEN, "receipt", "wa-main",
                    PhoneNumber.of("+15550783881"), "hi\u0000there", Optional.empty(), Optional.empty(),
                    Instant.parse("2026-01-01T00:00:00Z"), Optional.empty());
            db.inTransactionDo(c -> new LinkStore().insert(c, old));
        }
        assertThat(run("links", "list", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(run("links", "update", "GW856Z", "--config", config.toString(), "--source", "poster"))
                .as(err.toString()).isZero();
        assertThat(run("links", "delete", "GW856Z", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("GW856Z  \\u001b[2J\\u001b[31mCLEARED\\u202e\\u009b  receipt")
                .contains("Link GW856Z: \\u001b[2J\\u001b[31mCLEARED\\u202e\\u009b (poster) on channel wa-main")
                .contains("Deleted link GW856Z (\\u001b[2J\\u001b[31mCLEARED\\u202e\\u009b)");
        assertThat(out.toString().chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c < 0xa0 || c == 0x202e))
                .as("control characters in %s", out).isEmpty();
    }

    private int run(String... args) {
        // GRAPH: no Meta is called here, and nothing listens on port 9.
        CliEnvironment env = new CliEnvironment(EnvLookup.of(Map.of("DATA", home.toString(), "GRAPH",
                "http://127.0.0.1:9")), home, getClass().getClassLoader(), Clock.systemUTC());
        return DeskBridgeCli.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path config() throws IOException {
        Path config = TemplatesCommandTest.config(home);
        if (!Files.exists(home.resolve("db.mv.db"))) {
            Database.open(Database.h2File(home.resolve("db")), 2).close();
        }
        return config;
    }
}
