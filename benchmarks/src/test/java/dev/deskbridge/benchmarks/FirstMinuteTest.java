package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cold target: the first minute at half the reference rate or more. */
class FirstMinuteTest {
    @Test
    void isMetAtHalfTheReferenceOrMore() {
        assertThat(FirstMinute.verdict(50, 100)).startsWith("met");
        assertThat(FirstMinute.verdict(49.9, 100)).startsWith("NOT MET");
        assertThat(FirstMinute.verdict(164, 1000)).startsWith("NOT MET");
    }
}
