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
}
