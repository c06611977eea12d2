package dev.deskbridge.host.cli;

import dev.deskbridge.host.admin.AdminStore;
import dev.deskbridge.host.admin.StoreAdminQueries;
import dev.deskbridge.host.config.ConfigLoader;
import dev.deskbridge.host.config.ConfigSource;
import dev.deskbridge.host.config.EngineConfig;
import dev.deskbridge.host.config.PricingConfig;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.store.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToIntFunction;
import picocli.CommandLine;

/** Opening the store for the operator commands, and running one question against it. */
final class AdminStores {
    private AdminStores() {}

    /**
     * The store of the options' database, priced by the configuration's rate card and with its
     * window-closing warning lead (the defaults without {@code --config}).
     */
    static AdminStore open(CommandLine.Model.CommandSpec spec, StoreOptions options) {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        EngineSettings defaults = EngineSettings.defaults();
        PricingConfig pricing = new PricingConfig(Optional.empty(), Optional.empty(), 0);
        Duration warnBefore = defaults.warnBefore();
        if (options.config != null) {
            ConfigSource source = new ConfigLoader(env.env(), env.home()).read(options.config);
            pricing = source.pricing().orElse(pricing);
            warnBefore = source.engine().map(EngineConfig::warnBefore).orElse(warnBefore);
        }
        Database db = Database.open(options.resolve(env), 2);
        return StoreAdminQueries.owning(db, PricingRulesFactory.create(pricing), warnBefore, defaults.currency(),
                env.clock());
    }

    /**
     * Opens the store, runs {@code work} and closes the store.
     *
     * @return {@code work}'s exit code; 2 when the database settings are wrong, 1 when the store
     *     cannot be read (the reason is printed)
     */
    static int run(CommandLine.Model.CommandSpec spec, StoreAccess access, StoreOptions options,
            ToIntFunction<AdminStore> work) {
        PrintWriter err = spec.commandLine().getErr();
        String command = "deskbridge " + spec.name();
        AdminStore store;
        try {
            store = access.open(spec, options);
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println(command + ": cannot open the database: " + e.getMessage());
            return 1;
        }
        try (store) {
            return work.applyAsInt(store);
        } catch (RuntimeException e) {
            err.println(command + ": cannot read the store: " + e.getMessage());
            return 1;
        }
    }
}
