package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.HostConfig;
import dev.deskbridge.host.config.HttpConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.Databases;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.RecordingCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host opens the connector sessions while the database it took from the early open may still be
 * opening: a session may use the conversation lookup as it opens (it waits for the database), and
 * whichever of the two fails, the other is closed and start-up fails with the failure's own error.
 */
class BridgeHostStartTest {
    private static final EngineSettings ENGINE = HostFixture.fastEngine();
    private static final int POOL = BridgeHost.Builder.poolSize(0, ENGINE);

    @TempDir
    Path dir;

    private final StartupTimeline timeline = StartupTimeline.sinceJvmStart();

    @Test
    void theSessionsOpenBeforeTheHostWaitsForANewDatabaseAndMayUseTheLookup() {
        DatabaseConfig settings = Database.h2File(dir.resolve("new"));
        DatabaseOpening opening = DatabaseOpening.start(settings, POOL, timeline);
        List<String> stepsDoneBeforeSessions = new ArrayList<>();
        try (BridgeHost host = builder(settings, opening, services -> {
            timeline.steps().forEach(s -> stepsDoneBeforeSessions.add(s.name()));
            assertThat(services.conversations().status(new ConversationId("c-1"))).isEmpty();
            return sessions(crm(new AtomicBoolean()));
        }).start()) {
            assertThat(host.database().isReachable()).isTrue();
        }
        // The host's wait for the database is a step that ends only once it is open: not before the sessions.
        assertThat(stepsDoneBeforeSessions).doesNotContain("database wait");
        assertThat(timeline.steps()).extracting(StartupTimeline.Step::name)
                .containsSubsequence("sessions", "database wait");
    }

    @Test
    void aSessionThatCannotOpenClosesTheDatabaseOpenedBesideIt() {
        DatabaseConfig settings = memory();
        DatabaseOpening opening = DatabaseOpening.start(settings, POOL, timeline);
        BridgeHost.Builder builder = builder(settings, opening, services -> {
            throw new IllegalStateException("crm zendesk: config.url is not a URL");
        });

        assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("crm zendesk: config.url is not a URL");
        assertThat(Databases.migrated(settings)).as("the database was opened, then closed").isFalse();
    }

    @Test
    void aDatabaseThatCannotOpenClosesTheSessionsOpenedBesideIt() {
        DatabaseConfig unreachable = new DatabaseConfig("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here", "sa",
                new Secret(""));
        DatabaseOpening opening = DatabaseOpening.start(unreachable, POOL, timeline);
        AtomicBoolean closed = new AtomicBoolean();
        BridgeHost.Builder builder = builder(unreachable, opening, services -> sessions(crm(closed)));

        assertThatThrownBy(builder::start).isInstanceOf(RuntimeException.class).hasMessageContaining("127.0.0.1:1");
        assertThat(closed).as("the CRM session was closed").isTrue();
    }

    private BridgeHost.Builder builder(DatabaseConfig settings, DatabaseOpening opening,
            Function<HostServices, ConnectorSessions> sessions) {
        return BridgeHost.builder()
                .http(new HostConfig(URI.create("https://bridge.example.test/"), new HttpConfig("127.0.0.1", 0, 1024),
                        Optional.empty()))
                .database(settings)
                .engine(ENGINE)
                .pricing(HostFixture.goldenPricing())
                .opening(opening)
                .timeline(timeline)
                .sessions(sessions);
    }

    private static ConnectorSessions sessions(CrmSession crm) {
        return new ConnectorSessions(Map.of("wa", new TestChannel("secret", Clock.systemUTC())), Map.of("crm", crm));
    }

    /** A CRM session that notes its close. */
    private static CrmSession crm(AtomicBoolean closed) {
        CrmSession crm = new RecordingCrm(Set.of(), m -> { });
        return (CrmSession) Proxy.newProxyInstance(CrmSession.class.getClassLoader(), new Class<?>[] {CrmSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.set(true);
                    }
                    return method.invoke(crm, args);
                });
    }

    private static DatabaseConfig memory() {
        return new DatabaseConfig("jdbc:h2:mem:start-" + UUID.randomUUID(), "sa", new Secret(""));
    }
}
