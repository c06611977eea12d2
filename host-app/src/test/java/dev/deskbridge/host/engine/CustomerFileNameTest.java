package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CustomerFileNameTest {
    @Test
    void aPlainNameIsKeptAsTheCustomerGaveIt() {
        assertThat(CustomerFileName.of("invoice.pdf")).contains("invoice.pdf");
        assertThat(CustomerFileName.of("Rechnung März 2026 (1).pdf")).contains("Rechnung März 2026 (1).pdf");
        assertThat(CustomerFileName.of("фото 🐈.jpg")).contains("фото 🐈.jpg");
    }

    @Test
    void pathsControlAndInvisibleCharactersAreTakenOut() {
        assertThat(CustomerFileName.of("../../etc/passwd")).contains("passwd");
        assertThat(CustomerFileName.of("C:\\Users\\ann\\scan.pdf")).contains("scan.pdf");
        assertThat(CustomerFileName.of("in\u0000vo\u001bice\r\n.pdf")).contains("invoice.pdf");
        // A right-to-left override would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
        assertThat(CustomerFileName.of("invoice\u202Efdp.exe")).contains("invoicefdp.exe");
        assertThat(CustomerFileName.of("a:b*c?\"<d>|.txt")).contains("a_b_c___d__.txt");
        assertThat(CustomerFileName.of(".hidden.pdf")).contains("hidden.pdf");
    }

    @Test
    void nothingUsableLeftIsNoName() {
        assertThat(CustomerFileName.of("")).isEmpty();
        assertThat(CustomerFileName.of("..")).isEmpty();
        assertThat(CustomerFileName.of("dir/")).isEmpty();
        assertThat(CustomerFileName.of("\u0000\u202E  ")).isEmpty();
    }

    @Test
    void aLongNameIsCutKeepingItsExtensionAndWholeCharacters() {
        Optional<String> cut = CustomerFileName.of("🐈".repeat(500) + ".pdf");
        assertThat(cut).hasValueSatisfying(n -> {
            assertThat(n.codePointCount(0, n.length())).isEqualTo(CustomerFileName.MAX);
            assertThat(n).endsWith("🐈.pdf");
        });
        String longExtension = "x".repeat(200) + "." + "y".repeat(40);
        assertThat(CustomerFileName.of(longExtension)).hasValueSatisfying(n -> assertThat(n).hasSize(CustomerFileName.MAX));
    }
}
