package dev.deskbridge.host.cli;

import dev.deskbridge.host.config.DeskBridgeHome;
import dev.deskbridge.host.config.EnvLookup;
import dev.deskbridge.host.plugins.BuiltInConnectors;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the commands take from the machine: environment variables, the DeskBridge home, where
 * built-in connectors are looked up, the clock. Tests pass their own.
 *
 * @param env environment variables for {@code ${NAME}} in configuration files
 * @param home the DeskBridge home; the default plugins folder is {@code home/plugins}
 * @param builtIns the class loader whose {@code META-INF/services} name the built-in connectors
 * @param clock the clock handed to connector sessions
 */
public record CliEnvironment(EnvLookup env, Path home, ClassLoader builtIns, Clock clock) {
    public CliEnvironment {
        Objects.requireNonNull(env, "env");
        home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
        Objects.requireNonNull(builtIns, "builtIns");
        Objects.requireNonNull(clock, "clock");
    }

    /** The real machine: process environment, {@link DeskBridgeHome}, the host's class path, UTC. */
    public static CliEnvironment system() {
        return new CliEnvironment(EnvLookup.system(), DeskBridgeHome.dir(),
                BuiltInConnectors.class.getClassLoader(), Clock.systemUTC());
    }

    /** The default plugins folder. */
    public Path pluginsDir() {
        return home.resolve("plugins");
    }
}
