package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A benchmark JVM killed with SIGKILL leaves nothing running: the child it started again ends, and the
 * child's own processes (a benchmark's hosts) with it.
 */
@EnabledOnOs(OS.LINUX)
class DriverJvmProcessTest {
    @Test
    void theStartedAgainJvmAndItsProcessesEndWhenItsParentIsKilled() throws Exception {
        Process parent = Probes.start(List.of(), DriverJvmProbe.class);
        long child = -1;
        long host = -1;
        try {
            String line = Probes.awaitLine(parent, l -> l.startsWith("probe "));
            String[] f = line.split(" ");
            child = Long.parseLong(f[1]);
            host = Long.parseLong(f[3]);
            assertThat(child).as("the probe ran in a started-again JVM").isNotEqualTo(parent.pid());
            assertThat(ProcessHandle.of(child).flatMap(p -> p.parent()).map(ProcessHandle::pid))
                    .contains(parent.pid());

            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            assertThat(endsWithin(child, 20)).as("the started-again JVM ended").isTrue();
            assertThat(endsWithin(host, 20)).as("the process it had started ended").isTrue();
        } finally {
            for (long pid : new long[] {parent.pid(), child, host}) {
                if (pid > 0) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    private static boolean endsWithin(long pid, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return false;
    }
}
