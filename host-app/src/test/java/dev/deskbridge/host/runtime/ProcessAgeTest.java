package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProcessAgeTest {

    /** A /proc/[pid]/stat line whose field 22 (start time) is {@code startTicks}, with an awkward command name. */
    private static String stat(long startTicks) {
        String fields4to21 = IntStream.rangeClosed(4, 21).mapToObj(i -> String.valueOf(i)).collect(Collectors.joining(" "));
        return "4242 (java (main) x) S " + fields4to21 + " " + startTicks + " 23 24 25\n";
    }

    @Test
    void theAgeIsTheUptimeLessTheStartInClockTicks() {
        // Booted 12,345.67 s ago; the process started 12,000.00 s after the boot (1,200,000 ticks of 10 ms).
        assertThat(ProcessAge.millis("12345.67 2345.00\n", stat(1_200_000))).isEqualTo(OptionalLong.of(345_670));
    }

    @Test
    void whatDoesNotParseOrGivesNoPlausibleAgeIsNoAge() {
        assertThat(ProcessAge.millis("12345.67 1.00\n", stat(1_300_000))).isEmpty(); // started after "now"
        assertThat(ProcessAge.millis("not a number\n", stat(1))).isEmpty();
        assertThat(ProcessAge.millis("10.00 1.00\n", "4242 (java) S 1 2 3\n")).isEmpty();
        assertThat(ProcessAge.millis(Path.of("/no/such/proc"))).isEmpty();
    }

    /**
     * On Linux, as the JVM itself counts (it notes its start within some ms of the exec): the JDK's
     * {@code ProcessHandle} start instant was up to a second early, since the boot time it adds is in whole seconds.
     */
    @Test
    void onLinuxTheTimelineCountsFromWithinAFewMillisecondsOfTheJvmsOwnStart() {
        assumeThat(Files.isReadable(Path.of("/proc/self/stat"))).as("Linux /proc").isTrue();
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();

        StartupTimeline timeline = StartupTimeline.sinceJvmStart();
        long sinceJvm = System.currentTimeMillis() - jvmStarted;

        // The process starts before the JVM notes its own start; /proc counts in 10 ms.
        assertThat(timeline.now() - sinceJvm).isBetween(-30L, 400L);
    }
}
