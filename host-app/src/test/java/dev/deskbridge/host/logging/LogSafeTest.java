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

    @Test
    void printableEscapesWhatSteersATerminalAndKeepsText() {
        assertThat(LogSafe.printable("\u001b[2J\u001b[31mCLEARED\u0000\u0007\u202eevil\u2066\u009b\r\n\t"))
                .isEqualTo("\\u001b[2J\\u001b[31mCLEARED\\u0000\\u0007\\u202eevil\\u2066\\u009b\\r\\n\\t");
        // Backslashes stay single, and joiners, marks and other scripts are text.
        String text = "C:\\path Café 👨\u200d👩\u200d👧 🏳️\u200d🌈 שלום\u200f ربيع 春";
        assertThat(LogSafe.printable(text)).isEqualTo(text);
        assertThat(LogSafe.printable("half \ud83d pair")).isEqualTo("half \\ud83d pair");
        assertThat(LogSafe.printable(null)).isEqualTo("null");
    }
}
