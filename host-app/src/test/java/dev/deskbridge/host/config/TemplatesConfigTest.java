package dev.deskbridge.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.ConfigProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesConfigTest {
    @TempDir
    Path dir;

    private ConfigResult read(String templates) {
        String yaml = "host: { public_base_url: 'https://b.example.com', admin_token: '${ADMIN}' }\n" + templates;
        return new ConfigLoader(EnvLookup.of(Map.of("ADMIN", "admin-token-0123456789")), dir).parse(yaml, dir)
                .validate(TestSpecs.SPECS);
    }

    @Test
    void aBareZeroTurnsTheScheduledSyncOffAsTheReferenceSays() {
        // Before: "must be a duration such as 1h or 30m, got '0'"; only 0s was taken.
        assertThat(read("templates: { sync_every: 0 }\n").orThrow().templates().syncEvery()).isEqualTo(Duration.ZERO);
        assertThat(read("templates: { sync_every: 0s }\n").orThrow().templates().syncEvery()).isEqualTo(Duration.ZERO);
        assertThat(read("templates: { sync_every: 2h }\n").orThrow().templates().syncEvery())
                .isEqualTo(Duration.ofHours(2));
        assertThat(read("templates: { sync_every: 1m }\n").problems()).extracting(ConfigProblem::path)
                .containsExactly("templates.sync_every");
        assertThat(read("templates: { sync_every: 7 }\n").problems()).extracting(ConfigProblem::path)
                .containsExactly("templates.sync_every");
    }
}
