package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.ConfigLoader;
import dev.deskbridge.host.config.ConfigSource;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Database;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a command finds the host's database: a config file's {@code database:}, a URL, or the default. */
final class StoreOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file whose database to use.")
    Path config;

    @Option(names = "--database", paramLabel = "JDBC_URL",
            description = "Database URL; default: the config's database, else the embedded file ./data/deskbridge.")
    String url;

    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "sa",
            description = "Database user with --database; the password comes from DESKBRIDGE_DB_PASSWORD.")
    String user;

    /**
     * Opens the host's database for an operator command. These commands read (or replay in) a
     * host's database; they never create one: a forgotten {@code --config} would otherwise
     * migrate an empty {@code ./data/deskbridge} and answer as if it were the host's. The pool's
     * and the migrations' start-up lines are kept out of the answer (their warnings still show).
     *
     * @throws IllegalArgumentException when the settings are wrong or name no existing database
     */
    Database openExisting(CliEnvironment env) {
        DatabaseConfig database = resolve(env);
        java.util.Optional<java.nio.file.Path> file = Database.h2FilePath(database.url());
        if (file.isPresent() && !Database.h2FileExists(file.get())) {
            throw new IllegalArgumentException("no database at " + file.get() + (config == null && url == null
                    ? " (the default); give --config FILE of the host, or --database URL"
                    : "; is this the host's database?"));
        }
        quietStartup();
        return Database.open(database, 2);
    }

    private static void quietStartup() {
        for (String name : new String[] {"com.zaxxer.hikari", "org.flywaydb"}) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                    && logger.getLevel() == null) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** The database settings, or an explanation of what is wrong with them. */
    DatabaseConfig resolve(CliEnvironment env) {
        if (url != null) {
            String password = env.env().get("DESKBRIDGE_DB_PASSWORD").orElse("");
            return new DatabaseConfig(url, user, new Secret(password));
        }
        if (config != null) {
            ConfigSource source = new ConfigLoader(env.env(), env.home()).read(config);
            if (!source.readProblems().isEmpty()) {
                throw new IllegalArgumentException(describe(source));
            }
            return source.database().orElseThrow(() -> new IllegalArgumentException(config
                    + ": the database section is invalid; run 'deskbridge config validate " + config + "'"));
        }
        return new DatabaseConfig(Database.DEFAULT_URL, "sa", new Secret(""));
    }

    private String describe(ConfigSource source) {
        StringBuilder sb = new StringBuilder(config.toString()).append(':');
        for (ConfigProblem p : source.readProblems()) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
