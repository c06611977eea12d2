package dev.deskbridge.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The SPI keeps its rules, and the rules fail on a deliberately bad SPI ({@code badspi}, test classes only). */
class SpiArchitectureTest {
    private static final String SPI = "dev.deskbridge.connector.api";
    private static final String BAD = SPI + ".badspi";

    @Test
    void theSpiUsesOnlyTheJdkAndItself() {
        JavaClasses spi = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(SPI);

        SpiArchitecture.jdkAndOwnTypesOnly(SPI).check(spi);
        SpiArchitecture.noPackageCycles(SPI).check(spi);
    }

    @Test
    void aLibraryTypeInTheSpiFails() {
        JavaClasses bad = new ClassFileImporter().importPackages(BAD);

        EvaluationResult result = SpiArchitecture.jdkAndOwnTypesOnly(BAD).evaluate(bad);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("BadSpiRecord", "org.assertj.core.api.Assertions");
    }
}
