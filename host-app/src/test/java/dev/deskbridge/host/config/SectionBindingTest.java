package dev.deskbridge.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Jackson binding of a checked section onto its record. */
class SectionBindingTest {
    @TempDir
    Path dir;

    @Test
    void snakeCaseKeysBindOntoRecordComponentsWithDefaultsAndDurationsInBothSpellings() {
        ObjectNode engine = JsonNodeFactory.instance.objectNode()
                .put("workers", "12").put("max_age", "PT36H").put("window_margin", "90s").put("keep_handled", "P10D");
        ConfigContext ctx = new ConfigContext(null, dir, dir);

        Bound<EngineSection.Fields> bound =
                ctx.bind(engine, "engine", HostSettings.ENGINE, Set.of(), EngineSection.Fields.class);

        assertThat(bound.valid()).isTrue();
        assertThat(bound.fields()).isEqualTo(new EngineSection.Fields(
                12L, 8L, Duration.ofHours(36), Duration.ofHours(2), Duration.ofSeconds(90), Duration.ofDays(10)));
        assertThat(ctx.problems()).isEmpty();
    }

    @Test
    void aValueTheSpecRefusesIsReportedOnceAndBindsAsAbsentSoTheOtherChecksStillRun() {
        ObjectNode engine = JsonNodeFactory.instance.objectNode().put("workers", "many").put("max_attempts", "0");
        ConfigContext ctx = new ConfigContext(null, dir, dir);

        EngineConfig config = EngineSection.read(engine, ctx);

        assertThat(config).isNull();
        assertThat(ctx.problems()).extracting(Object::toString).containsExactly(
                "engine.workers: must be a whole number, got 'many'",
                "engine.max_attempts: must be between 1 and 1000, got 0");
    }

    @Test
    void aBoundSecretIsMaskedWhereverTheRecordIsPrinted() {
        DeskBridgeConfig config = new ConfigLoader(EnvLookup.of(Map.of("PW", "Xq9-DB-SECRET-77",
                "ADMIN", "Xq9-ADMIN-SECRET-77-long")), dir)
                .parse("host: { public_base_url: 'https://b.example.com', admin_token: '${ADMIN}' }\n"
                        + "database: { url: 'jdbc:h2:mem:x', password: '${PW}' }\n", dir)
                .validate(TestSpecs.SPECS).orThrow();

        assertThat(config.database().password().reveal()).isEqualTo("Xq9-DB-SECRET-77");
        assertThat(config.host().adminToken().orElseThrow().reveal()).isEqualTo("Xq9-ADMIN-SECRET-77-long");
        assertThat(config.toString()).doesNotContain("Xq9");
    }
}
