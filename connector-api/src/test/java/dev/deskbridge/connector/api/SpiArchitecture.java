package dev.deskbridge.connector.api;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The SPI's rules over a root package (the SPI's own, or a test's deliberately bad one): JDK types
 * and its own records only, besides the two host-provided types every plugin shares.
 */
final class SpiArchitecture {
    private SpiArchitecture() {}

    /** Only the JDK, the SPI itself, PF4J's ExtensionPoint and SLF4J's Logger (both provided by the host). */
    static ArchRule jdkAndOwnTypesOnly(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", root + "..")
                        .or(name("org.pf4j.ExtensionPoint")).or(name("org.slf4j.Logger")))
                .because("a plugin compiles against the SPI alone: no Jackson, Feign, Twilio or Zendesk type crosses it");
    }

    /** No cycle between the SPI's packages (model, pricing, config, error, webhook). */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }
}
