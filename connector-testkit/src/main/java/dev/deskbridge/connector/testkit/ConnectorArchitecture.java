package dev.deskbridge.connector.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Objects;

/**
 * A plugin's package rules: it sees the host only through the SPI, and its packages (the root
 * package included) need each other one way only. A connector's test calls
 * {@link #check(String)} with its root package.
 */
public final class ConnectorArchitecture {
    /** Where the host's own classes live; none of them is on a plugin's class path at run time. */
    public static final String HOST_PACKAGES = "dev.deskbridge.host..";

    private ConnectorArchitecture() {}

    /** Checks the main classes under {@code rootPackage} against {@link #rules(String)}; fails naming every violation. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
        CompositeArchRule.of(rules(rootPackage)).check(classes);
    }

    /** The rules over the classes under {@code rootPackage}. */
    public static List<ArchRule> rules(String rootPackage) {
        return List.of(noHostPackages(rootPackage), noPackageCycles(rootPackage));
    }

    /** No class of the plugin uses a host class: the host may change them at will. */
    public static ArchRule noHostPackages(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAPackage(HOST_PACKAGES)
                .because("a plugin sees the host only through the SPI (connector-api)");
    }

    /** No cycle between the plugin's packages, each package one slice (its root package too). */
    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().assignedFrom(new EachPackage(rootPackage)).should().beFreeOfCycles();
    }

    /** Every package under the root is a slice of its own; what lies outside is left out. */
    private static final class EachPackage implements SliceAssignment {
        private final String root;

        EachPackage(String root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.equals(root) || pkg.startsWith(root + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "packages of " + root;
        }
    }
}
