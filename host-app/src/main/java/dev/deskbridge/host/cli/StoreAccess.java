package dev.deskbridge.host.cli;

import dev.deskbridge.host.admin.AdminStore;
import java.time.Clock;
import picocli.CommandLine;

/** How the operator commands reach the store and the time (tests pass their own). */
interface StoreAccess {

    /** The CLI's: the database the options name, the CLI environment's clock. */
    StoreAccess CLI = new StoreAccess() {
        @Override
        public AdminStore open(CommandLine.Model.CommandSpec spec, StoreOptions options) {
            return AdminStores.open(spec, options);
        }

        @Override
        public Clock clock(CommandLine.Model.CommandSpec spec) {
            return DeskBridgeCli.environment(spec).clock();
        }
    };

    /**
     * @throws IllegalArgumentException when the options or the configuration name no usable
     *     database; the message says what and where
     */
    AdminStore open(CommandLine.Model.CommandSpec spec, StoreOptions options);

    /** The clock phases, countdowns and the default month follow. */
    Clock clock(CommandLine.Model.CommandSpec spec);
}
