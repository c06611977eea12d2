package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The plugin rules fail on a deliberately bad plugin ({@code badplugin}, test classes only), naming what is wrong. */
class ConnectorArchitectureTest {
    private static final String BAD = "dev.deskbridge.connector.testkit.badplugin";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(BAD);

    @Test
    void aHostClassInAPluginFails() {
        EvaluationResult result = ConnectorArchitecture.noHostPackages(BAD).evaluate(CLASSES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(report(result)).contains("BadPart", "dev.deskbridge.host.FakeHostClass").doesNotContain("BadSession.part");
    }

    @Test
    void aCycleThroughTheRootPackageFails() {
        EvaluationResult result = ConnectorArchitecture.noPackageCycles(BAD).evaluate(CLASSES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(report(result)).contains("BadSession", "BadPart");
    }

    @Test
    void checkLooksAtMainClassesOnlySoTheTestKitItselfPasses() {
        ConnectorArchitecture.check("dev.deskbridge.connector.testkit");

        // The same package with its test classes: the bad plugin is found.
        assertThatThrownBy(() -> ConnectorArchitecture.rules(BAD).forEach(rule -> rule.check(CLASSES)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FakeHostClass");
    }

    private static String report(EvaluationResult result) {
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
