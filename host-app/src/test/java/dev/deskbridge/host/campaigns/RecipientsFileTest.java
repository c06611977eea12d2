package dev.deskbridge.host.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientsFileTest {

    @Test
    void rowsKeepTheirLineNumbersAcrossBlankLinesQuotedNewLinesABomAndCrlf() {
        String csv = "\uFEFFto,1,2\r\n+4915112345678,Ann,A-1\r\n\r\n\"+4915112345679\",\"Bo\nB\",A-2\r\n+4915112345680,Cy,A-3\r\n";
        RecipientsFile.Content content = RecipientsFile.read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(content.problems()).isEmpty();
        assertThat(content.rows()).extracting(RecipientsFile.Row::line).containsExactly(2, 4, 6);
        assertThat(content.rows().get(0).parameters()).isEqualTo(Map.of("1", "Ann", "2", "A-1"));
        assertThat(content.rows().get(1).to()).isEqualTo("+4915112345679");
    }

    @Test
    void aFileWithoutATheNumberColumnIsOneProblemAtItsHeader() {
        RecipientsFile.Content content = RecipientsFile.read("phone,1\n+4915112345678,Ann\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(content.problems()).extracting(RecipientsFile.Problem::line).containsExactly(1);
        assertThat(content.problems().get(0).message()).contains("'to' column");
    }

    @Test
    void aRowWithAValueTooManyIsAProblemOfItsOwnLineAndTheRowsAfterItAreRead() {
        String csv = "to,1,2\n+4915140000000,a,b\n+4915140999999,Hello, world,b\n+4915140000001,c,d\n"
                + "+4915140000002,e,f\n";
        RecipientsFile.Content content = RecipientsFile.read(csv.getBytes(StandardCharsets.UTF_8));
        // Before: one problem at line 1 and only the row before it kept; the two after it were silently gone.
        assertThat(content.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("value 4").contains("double quotes");
        });
        assertThat(content.rows()).extracting(RecipientsFile.Row::line).containsExactly(2, 4, 5);
        assertThat(content.rows().get(2).parameters()).isEqualTo(Map.of("1", "e", "2", "f"));
    }

    @Test
    void aSpreadsheetsTrailingEmptyColumnsAndShortRowsAreNoProblem() {
        String csv = "to,1,2,,\n+4915140000000,a,b,,\n+4915140000001,c\n";
        RecipientsFile.Content content = RecipientsFile.read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(content.problems()).isEmpty();
        assertThat(content.rows().get(0).parameters()).isEqualTo(Map.of("1", "a", "2", "b"));
        assertThat(content.rows().get(1).parameters()).isEqualTo(Map.of("1", "c"));
    }

    @Test
    void aHeaderNamingAColumnTwiceIsOneProblemAtItsLine() {
        RecipientsFile.Content content = RecipientsFile.read("to,1,1\n+4915140000000,a,b\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(content.rows()).isEmpty();
        assertThat(content.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("'1' twice");
        });
    }

    @Test
    void aColumnNameIsQuotedInAProblemEscapedAndCut() {
        String name = "n\u001b[31m" + "x".repeat(60);
        RecipientsFile.Content content = RecipientsFile.read(("to," + name + "," + name + "\n+4915140000000,a,b\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(content.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("'n\\u001b[31m").doesNotContain("\u001b").contains("more chars)"));
    }

    @Test
    void quotingThatBreaksOffIsAProblemAtTheRowWhereItBroke() {
        String csv = "to,1\n+4915140000000,a\n+4915140000001,\"unclosed\n+4915140000002,b\n";
        RecipientsFile.Content content = RecipientsFile.read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(content.rows()).extracting(RecipientsFile.Row::line).containsExactly(2);
        assertThat(content.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("not read");
        });
    }
}
