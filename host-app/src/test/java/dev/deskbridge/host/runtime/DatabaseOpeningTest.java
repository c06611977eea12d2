package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.Databases;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The database opened alongside start-up: handed over only for the settings that were validated,
 * and closed when start-up stops before taking it. An in-memory H2 database lives as long as a
 * connection to it is open, so whether the pool was closed shows in whether its tables are still there.
 */
class DatabaseOpeningTest {
    private final StartupTimeline timeline = StartupTimeline.sinceJvmStart();

    @Test
    void theSameSettingsGetTheDatabaseOpenedEarly() {
        DatabaseConfig settings = memory();
        DatabaseOpening opening = DatabaseOpening.start(settings, 3, timeline);
        try (Database db = opening.take(settings, 3).await()) {
            assertThat(db.isReachable()).isTrue();
            assertThat(Databases.migrated(settings)).isTrue();
        }
        // The warm-up runs only when the opener gets there before take() (a race of threads): either way
        // both steps are the opener's, and the database step is there once.
        assertThat(timeline.steps()).extracting(StartupTimeline.Step::name, StartupTimeline.Step::thread)
                .containsSubsequence(org.assertj.core.groups.Tuple.tuple("database", "deskbridge-db-open"))
                .allSatisfy(t -> assertThat(t.toList()).element(1).isEqualTo("deskbridge-db-open"));
        assertThat(timeline.steps()).extracting(StartupTimeline.Step::name)
                .isSubsetOf("database warm-up", "database").containsOnlyOnce("database");
        assertThatThrownBy(() -> opening.take(settings, 3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startUpStoppedBeforeTakingItClosesIt() {
        DatabaseConfig settings = memory();
        DatabaseOpening opening = DatabaseOpening.start(settings, 2, timeline);
        opening.close();
        assertThat(Databases.migrated(settings)).as("closed: the in-memory database is gone").isFalse();
    }

    @Test
    void otherSettingsCloseTheEarlyOneAndOpenTheValidatedOnes() {
        DatabaseConfig early = memory();
        DatabaseConfig validated = memory();
        DatabaseOpening opening = DatabaseOpening.start(early, 2, timeline);
        try (Database db = opening.take(validated, 2).await()) {
            assertThat(Databases.migrated(validated)).isTrue();
            assertThat(Databases.migrated(early)).isFalse();
        }
        DatabaseOpening other = DatabaseOpening.start(early, 2, timeline);
        try (Database db = other.take(early, 5).await()) {
            assertThat(db.isReachable()).as("another pool size opens it again").isTrue();
        }
    }

    @Test
    void aDatabaseThatCannotOpenFailsStartUpWithItsOwnError() {
        DatabaseConfig unreachable = new DatabaseConfig("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here", "sa",
                new Secret(""));
        DatabaseOpening opening = DatabaseOpening.start(unreachable, 2, timeline);
        assertThatThrownBy(() -> opening.take(unreachable, 2).await()).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("127.0.0.1:1");
        opening.close();
    }

    private static DatabaseConfig memory() {
        return new DatabaseConfig("jdbc:h2:mem:opening-" + UUID.randomUUID(), "sa", new Secret(""));
    }
}
