package dev.deskbridge.host.demo;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import dev.deskbridge.host.architecture.HostRules;

/**
 * The host's package rules over the host and the demo together (the demo stands on top), and the
 * stand-ins know the host no more than Meta and Zendesk do.
 */
@AnalyzeClasses(packages = DemoArchitectureTest.HOST,
        importOptions = {ImportOption.DoNotIncludeTests.class, DemoArchitectureTest.NoTestJars.class})
class DemoArchitectureTest {
    static final String HOST = "dev.deskbridge.host";

    /** Every host rule (cycles, the engine, the layers) with the demo's classes among the host's. */
    @ArchTest
    static final ArchRule hostRules = CompositeArchRule.of(HostRules.all(HOST));

    private static final String[] STAND_INS = {HOST + ".demo.whatsapp..", HOST + ".demo.zendesk..",
        HOST + ".demo.standin.."};

    @ArchTest
    static final ArchRule standInsKnowNoHost = noClasses().that().resideInAnyPackage(STAND_INS)
            .should().dependOnClassesThat(resideInAPackage(HOST + "..").and(not(resideInAnyPackage(STAND_INS))))
            .because("the stand-ins answer as Meta and Zendesk would, from what crosses the wire");

    /** The host's test jar (its helpers are on this module's test class path) holds no main classes. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/host-app/target/test-classes/");
        }
    }
}
