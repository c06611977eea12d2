package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The start-up steps as logged: each with its start and length, and the thread of those that ran alongside. */
class StartupTimelineTest {
    @Test
    void stepsAreKeptWithTheirThreadAndSummedUpInOneLine() throws Exception {
        StartupTimeline timeline = StartupTimeline.sinceJvmStart();
        assertThat(timeline.now()).isPositive();
        timeline.since("jvm and command line", 0);
        assertThat(timeline.step("config read", () -> 42)).isEqualTo(42);
        Thread other = new Thread(() -> timeline.run("database", () -> { }), "deskbridge-db-open");
        other.start();
        other.join();
        assertThatThrownBy(() -> timeline.run("sessions", () -> {
            throw new IllegalStateException("no session");
        })).hasMessage("no session");

        assertThat(timeline.steps()).extracting(StartupTimeline.Step::name)
                .containsExactly("jvm and command line", "config read", "database", "sessions");
        StartupTimeline.Step first = timeline.steps().get(0);
        assertThat(first.fromMillis()).isZero();
        assertThat(first.millis()).isEqualTo(first.toMillis()).isPositive();
        assertThat(timeline.summary()).startsWith("started in ").contains(" ms since the JVM started: jvm and command line 0+")
                .containsPattern("database \\d+\\+\\d+ \\[deskbridge-db-open\\]")
                .containsPattern("config read \\d+\\+\\d+,")
                .doesNotContain("[" + Thread.currentThread().getName() + "]")
                .endsWith(" (ms)");
    }
}
