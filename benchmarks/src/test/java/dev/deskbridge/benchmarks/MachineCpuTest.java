package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MachineCpuTest {
    private static final String BEFORE = """
            cpu  3400790 285931 472769 3148479 29632 0 35796 66012 0 0
            cpu0 1700395 142965 236384 1574239 14816 0 17898 33006 0 0
            intr 1 2 3
            """;

    @Test
    void sumsTheKindsOfTheSummaryLine() {
        MachineCpu cpu = MachineCpu.parse(BEFORE);
        assertThat(cpu.busy()).isEqualTo(3400790L + 285931 + 472769 + 0 + 35796);
        assertThat(cpu.idle()).isEqualTo(3148479L + 29632);
        assertThat(cpu.steal()).isEqualTo(66012L);
    }

    @Test
    void sharesOfThePhaseIncludeTheStolenTime() {
        MachineCpu before = MachineCpu.parse(BEFORE);
        // 1,000 ticks later: 700 busy, 100 idle, 200 stolen.
        MachineCpu after = new MachineCpu(before.busy() + 700, before.idle() + 100, before.steal() + 200);
        assertThat(MachineCpu.between(before, after))
                .isEqualTo("the machine's CPU time: busy 70 %, idle 10 %, stolen by the hypervisor 20 %");
    }

    @Test
    void unknownWithoutBothReadings() {
        assertThat(MachineCpu.between(null, MachineCpu.parse(BEFORE))).endsWith("unknown");
        assertThat(MachineCpu.between(MachineCpu.parse(BEFORE), MachineCpu.parse(BEFORE))).endsWith("unknown");
    }

    @Test
    void refusesAnotherLine() {
        assertThatThrownBy(() -> MachineCpu.parse("intr 1 2 3\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intr 1 2 3");
    }

    @Test
    void readsThisMachineWhereThereIsProc() throws Exception {
        Path stat = Path.of("/proc/stat");
        Assumptions.assumeTrue(Files.isReadable(stat), "no /proc/stat here");
        MachineCpu now = MachineCpu.parse(Files.readString(stat));
        assertThat(now.busy() + now.idle()).isPositive();
        assertThat(MachineCpu.now()).isNotNull();
    }
}
