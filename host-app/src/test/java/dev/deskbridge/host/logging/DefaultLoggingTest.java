package dev.deskbridge.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultLoggingTest {

    private static Configurator.ExecutionStatus configure(LoggerContext context, Map<String, String> properties,
            Set<String> resources) {
        DefaultLogging logging = new DefaultLogging(properties::get, resources::contains);
        logging.setContext(context);
        return logging.configure(context);
    }

    @Test
    void logsToStderrAtInfoWithTheHttpLibrariesAndPf4jAtWarn() {
        LoggerContext context = new LoggerContext();

        assertThat(configure(context, Map.of(), Set.of())).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
                .isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
        for (String name : DefaultLogging.QUIETER) {
            assertThat(context.getLogger(name + ".Anything").getEffectiveLevel()).as(name).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("dev.deskbridge.host.engine.Engine").getEffectiveLevel()).isEqualTo(Level.INFO);
        // Flyway's version advice only at ERROR; its migrations' own lines at INFO as before.
        assertThat(context.getLogger(DefaultLogging.FLYWAY_VERSION_ADVICE).getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.flywaydb.core.internal.command.DbMigrate").getEffectiveLevel())
                .isEqualTo(Level.INFO);
    }

    @Test
    void flywaysVersionAdviceIsLoggedUnderTheNameOfAClassOfTheFlywayBuiltWith() throws Exception {
        // A Flyway upgrade that moved the class would leave the level on a logger nobody uses.
        assertThat(Class.forName(DefaultLogging.FLYWAY_VERSION_ADVICE)).isNotNull();
    }

    @Test
    void theRootLevelComesFromDeskbridgeLogLevelAndCredentialsStayQuietAtDebug() {
        LoggerContext context = new LoggerContext();

        configure(context, Map.of("deskbridge.log.level", "DEBUG"), Set.of());

        assertThat(context.getLogger("dev.deskbridge.host.engine.Engine").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        // Their DEBUG lines print request headers (Authorization).
        assertThat(context.getLogger("org.asynchttpclient.netty.Something").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void aLevelThatIsNoLevelLeavesInfo() {
        LoggerContext context = new LoggerContext();

        configure(context, Map.of("deskbridge.log.level", "LOUD"), Set.of());

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void anOperatorsOwnConfigurationWinsAndThisSetsNothing() {
        for (Map<String, String> properties : java.util.List.of(
                Map.of("logback.configurationFile", "/etc/deskbridge/logback.xml"), Map.<String, String>of())) {
            for (Set<String> resources : java.util.List.of(Set.<String>of(), Set.of("logback.xml"),
                    Set.of("logback-test.xml"))) {
                if (properties.isEmpty() && resources.isEmpty()) {
                    continue;
                }
                LoggerContext context = new LoggerContext();

                assertThat(configure(context, properties, resources)).as(properties + " " + resources)
                        .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
                assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
            }
        }
    }
}
