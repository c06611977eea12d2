package dev.deskbridge.host.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void aCellCannotSteerTheTerminalOrBreakTheTable() {
        // A link named before names were checked (probe-h L4): it cleared and recoloured the operator's screen.
        String table = new TextTable("code", "name").row("GW856Z", "\u001b[2J\u001b[31mCLEARED\u202e\u009b\nx")
                .row("K7Q2M9", "Café 🌸 ربيع").render();
        assertThat(table.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c < 0xa0 || c == 0x202e))
                .as("control characters in %s", table).isEmpty();
        assertThat(table.lines()).containsExactly(
                "code    name",
                "-" .repeat(8 + "\\u001b[2J\\u001b[31mCLEARED\\u202e\\u009b\\nx".length()),
                "GW856Z  \\u001b[2J\\u001b[31mCLEARED\\u202e\\u009b\\nx",
                "K7Q2M9  Café 🌸 ربيع");
    }
}
