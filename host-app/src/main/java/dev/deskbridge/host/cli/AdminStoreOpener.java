package dev.deskbridge.host.cli;

import dev.deskbridge.host.admin.AdminStore;
import java.nio.file.Path;

/** Opens the store a configuration file names, for the operator commands (tests pass their own). */
@FunctionalInterface
interface AdminStoreOpener {

    /**
     * @throws IllegalArgumentException when the configuration cannot be read or names no usable database;
     *     the message says what and where
     */
    AdminStore open(Path configFile);
}
