package dev.deskbridge.host.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The host's rules run over a deliberately bad package ({@code architecture.bad}, test classes
 * only) and fail there, each naming what is wrong: so HostArchitectureTest passing means something.
 */
class BadPackagesTest {
    private static final String BAD = "dev.deskbridge.host.architecture.bad";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(BAD);

    @Test
    void aCycleBetweenFeaturesFails() {
        EvaluationResult result = HostRules.noCycleBetweenFeatures(BAD).evaluate(CLASSES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(report(result)).contains("BadEngine", "BadAdminView").doesNotContain("BadSimulation");
    }

    @Test
    void aCycleInsideAFeatureFailsThePerPackageRule() {
        EvaluationResult result = HostRules.noCycleBetweenPackages(BAD).evaluate(CLASSES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(report(result)).contains("BadPrice", "BadSimulation");
    }

    @Test
    void theEngineReadingTheAdminModelFails() {
        EvaluationResult result = HostRules.engineNeedsNoSurface(BAD).evaluate(CLASSES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(report(result)).contains("BadEngine", "BadAdminView").doesNotContain("BadStore");
    }

    @Test
    void aDependencyAgainstTheLayersFails() {
        EvaluationResult result = HostRules.layers(BAD).evaluate(CLASSES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(report(result)).contains("BadStore", "BadPrice", "BadEngine", "BadAdminView")
                .doesNotContain("BadConfig");
    }

    @Test
    void aPackageOutsideEveryLayerFails() {
        EvaluationResult result = HostRules.layers(BAD).evaluate(CLASSES);

        assertThat(report(result)).contains("BadStray> is not contained in architecture");
    }

    private static String report(EvaluationResult result) {
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
