package dev.deskbridge.host.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The host's logging, set up in code (a logback {@link Configurator}, found through {@code
 * META-INF/services}): logback's XML configuration loads and runs its XML parser and some 400
 * classes of its own on the main thread of every start, a good tenth of a second of a start-up
 * that must reach its listening line within 1.5 s.
 *
 * <p>Logs go to stderr, so command output on stdout stays clean for scripts; the root level is
 * {@code -Ddeskbridge.log.level} (INFO unless set). A configuration of the operator's own wins:
 * with {@code -Dlogback.configurationFile} set, or a {@code logback-test.xml} or {@code logback.xml}
 * on the class path, this steps aside and logback reads that file as it would without this class.
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    /** As logback.xml had it: time, level, logger, message. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

    /**
     * Kept at WARN even when {@code deskbridge.log.level} asks for DEBUG: PF4J narrates every step at
     * INFO, and HTTP libraries print request headers (Authorization: the admin token, provider
     * credentials) at DEBUG; their INFO lines are start-up chatter the host reports itself.
     */
    static final List<String> QUIETER = List.of("org.pf4j", "org.eclipse.jetty", "io.javalin", "org.apache.http",
            "org.asynchttpclient", "io.netty", "feign", "com.twilio", "org.zendesk");

    /**
     * Flyway's advice on the database's version, at ERROR only: Flyway 11.20 warns at every migration
     * that H2 2.4.240 is newer than the H2 it was verified with. The host's tests run every migration
     * on that H2, and a file of the H2 before it opens with it ({@code H2FileUpgradeTest}); a database
     * Flyway does not support still fails with an error.
     */
    static final String FLYWAY_VERSION_ADVICE = "org.flywaydb.core.internal.database.base.Database";

    private final UnaryOperator<String> properties;
    private final Predicate<String> onClassPath;

    /** As logback's service loader makes it: system properties, the class path of this class. */
    public DefaultLogging() {
        this(System::getProperty, name -> DefaultLogging.class.getClassLoader().getResource(name) != null);
    }

    DefaultLogging(UnaryOperator<String> properties, Predicate<String> onClassPath) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.onClassPath = Objects.requireNonNull(onClassPath, "onClassPath");
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (properties.apply("logback.configurationFile") != null || onClassPath.test("logback-test.xml")
                || onClassPath.test("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(properties.apply("deskbridge.log.level"), Level.INFO));
        root.addAppender(stderr);
        for (String name : QUIETER) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        context.getLogger(FLYWAY_VERSION_ADVICE).setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
