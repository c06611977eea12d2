package dev.deskbridge.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void lineBreaksAndControlsAreEscaped() {
        assertThat(LogSafe.text("a\r\nFORGED\tx\u001b[31m\u0000\u2028\u202e\\"))
                .isEqualTo("a\\r\\nFORGED\\tx\\u001b[31m\\u0000\\u2028\\u202e\\\\");
    }

    @Test
    void longValuesAreCutAndSaySo() {
        String s = LogSafe.text("x".repeat(70_000));
        assertThat(s).startsWith("x".repeat(LogSafe.MAX_CHARS)).endsWith("...(69800 more chars)");
        assertThat(s.length()).isLessThan(LogSafe.MAX_CHARS + 30);
    }

    @Test
    void ordinaryTextAndNullPassUnchanged() {
        assertThat(LogSafe.text("wamid.HBgL Ünïcode ✓")).isEqualTo("wamid.HBgL Ünïcode ✓");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }
}
