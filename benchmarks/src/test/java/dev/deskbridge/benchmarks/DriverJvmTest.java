package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A benchmark's JVM starts itself again with C1 alone unless its JIT is already chosen. */
class DriverJvmTest {
    private static final String[] ARGS = {"1000", "3", "8", "240"};

    @Test
    void aJvmLeftToC2StartsAgainWithItsOptionsAndArgumentsAndC1Alone() {
        assertThat(DriverJvm.relaunch("/jdk/bin/java", "b.jar", List.of("-Djava.io.tmpdir=/t", "-Drealpath.sqlCounts=true"),
                "dev.deskbridge.benchmarks.RealPathBenchmark", ARGS, false, 42))
                .contains(List.of("/jdk/bin/java", "-Djava.io.tmpdir=/t", "-Drealpath.sqlCounts=true",
                        "-XX:TieredStopAtLevel=1", "-Dbench.parentPid=42", "-cp", "b.jar", "dev.deskbridge.benchmarks.RealPathBenchmark",
                        "1000", "3", "8", "240"));
    }

    @Test
    void aJvmWhoseJitIsChosenOrThatKeepsC2RunsTheBenchmarkItself() {
        for (String chosen : List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation")) {
            assertThat(DriverJvm.relaunch("java", "b.jar", List.of("-Dx=1", chosen), "M", ARGS, false, 42)).as(chosen).isEmpty();
        }
        assertThat(DriverJvm.relaunch("java", "b.jar", List.of(), "M", ARGS, true, 42)).isEmpty();
    }

    @Test
    void aJvmWatchedByAnAgentALogFileOrARecordingIsNotStartedAgain() {
        for (String watching : List.of("-agentpath:/p/libasyncProfiler.so=start,file=p.collapsed",
                "-agentlib:jdwp=transport=dt_socket,server=y", "-javaagent:a.jar", "-Xlog:gc:file=gc.log",
                "-XX:StartFlightRecording=filename=r.jfr")) {
            assertThat(DriverJvm.relaunch("java", "b.jar", List.of(watching), "M", ARGS, false, 42)).as(watching).isEmpty();
        }
        assertThat(DriverJvm.relaunch("java", "b.jar", List.of("-Xmx1g", "-Dbench.x=-agentpath:"), "M", ARGS, false, 42))
                .isPresent();
    }
}
