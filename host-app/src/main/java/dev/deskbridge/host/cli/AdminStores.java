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
import java.time.Duration;
import java.util.Optional;
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
        Database db = options.openExisting(env);
        return StoreAdminQueries.owning(db, PricingRulesFactory.create(pricing), warnBefore, defaults.currency(),
                env.clock());
    }
}
