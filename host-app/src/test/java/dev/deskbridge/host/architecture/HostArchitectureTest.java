package dev.deskbridge.host.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The host's main classes keep the rules of docs/ARCHITECTURE.md (BadPackagesTest shows each rule can fail). */
@AnalyzeClasses(packages = HostArchitectureTest.HOST,
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class HostArchitectureTest {
    static final String HOST = "dev.deskbridge.host";

    @ArchTest
    static final ArchRule noCycleBetweenFeatures = HostRules.noCycleBetweenFeatures(HOST);

    @ArchTest
    static final ArchRule noCycleBetweenPackages = HostRules.noCycleBetweenPackages(HOST);

    @ArchTest
    static final ArchRule engineNeedsNoSurface = HostRules.engineNeedsNoSurface(HOST);

    @ArchTest
    static final ArchRule layersRunOneWay = HostRules.layers(HOST);
}
