package dev.deskbridge.host.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The host's package rules, as drawn in docs/ARCHITECTURE.md, over a root package: the host's own
 * ({@code dev.deskbridge.host}), or a test's deliberately bad one, so the rules are shown to fail.
 */
public final class HostRules {
    private HostRules() {}

    /** Every rule over {@code root}. */
    public static List<ArchRule> all(String root) {
        return List.of(noCycleBetweenFeatures(root), noCycleBetweenPackages(root), engineNeedsNoSurface(root),
                layers(root));
    }

    /** No cycle between the host's features (a package and its sub-packages are one feature). */
    public static ArchRule noCycleBetweenFeatures(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1").should().beFreeOfCycles();
    }

    /** No cycle between single packages either (a feature and its sub-packages included). */
    public static ArchRule noCycleBetweenPackages(String root) {
        return slices().matching(root + ".(**)").namingSlices("$1").should().beFreeOfCycles();
    }

    /** The engine runs without the admin API, reports, the CLI, the HTTP server or the wiring. */
    public static ArchRule engineNeedsNoSurface(String root) {
        return noClasses().that().resideInAPackage(root + ".engine..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".admin..", root + ".reports..",
                        root + ".cli..", root + ".http..", root + ".runtime..", root + ".demo..")
                .because("the engine is needed by the surfaces, never the other way round");
    }

    /** Layers run one way: each may use only the layers drawn below it. */
    public static ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("logging").definedBy(root + ".logging..")
                .layer("config").definedBy(root + ".config..")
                .layer("pricing").definedBy(root + ".pricing..")
                .layer("store").definedBy(root + ".store..")
                .layer("channel").definedBy(root + ".channel..")
                .layer("costs").definedBy(root + ".costs..")
                .layer("templates").definedBy(root + ".templates..", root + ".consent..")
                .layer("links").definedBy(root + ".links..")
                .layer("plugins").definedBy(root + ".plugins..")
                .layer("engine").definedBy(root + ".engine..")
                .layer("campaigns").definedBy(root + ".campaigns..")
                .layer("admin").definedBy(root + ".admin..")
                .layer("reports").definedBy(root + ".reports..")
                .layer("http").definedBy(root + ".http..")
                .layer("runtime").definedBy(root + ".runtime..")
                .layer("cli").definedBy(root + ".cli..")
                .optionalLayer("demo").definedBy(root + ".demo..")

                // How request values reach logs safely: used anywhere, uses nothing of the host.
                .whereLayer("logging").mayNotAccessAnyLayer()
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("pricing").mayOnlyAccessLayers("logging", "config")
                .whereLayer("store").mayOnlyAccessLayers("logging", "config")
                // The built-in WhatsApp channel is written against the SPI alone, like a plugin.
                .whereLayer("channel").mayNotAccessAnyLayer()
                .whereLayer("costs").mayOnlyAccessLayers("logging", "config", "pricing", "store")
                .whereLayer("templates").mayOnlyAccessLayers("logging", "config", "store")
                .whereLayer("plugins").mayOnlyAccessLayers("logging", "config", "store", "channel")
                // Click-to-chat links: stored, and made at Meta through the channel's QR code client.
                .whereLayer("links").mayOnlyAccessLayers("logging", "config", "store", "channel")
                .whereLayer("engine").mayOnlyAccessLayers("logging", "config", "pricing", "store", "costs", "templates",
                        "links")
                .whereLayer("campaigns").mayOnlyAccessLayers("logging", "config", "pricing", "store", "costs",
                        "templates", "engine")
                .whereLayer("admin").mayOnlyAccessLayers("logging", "config", "pricing", "store", "costs", "plugins",
                        "templates")
                .whereLayer("reports").mayOnlyAccessLayers("logging", "config", "pricing", "admin")
                .whereLayer("http").mayOnlyAccessLayers("logging", "config", "pricing", "store", "engine", "admin", "reports",
                        "templates", "campaigns", "links")
                .whereLayer("runtime").mayOnlyAccessLayers("logging", "config", "pricing", "store", "costs", "plugins", "engine",
                        "admin", "reports", "http", "templates", "campaigns", "links")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("demo");
    }
}
