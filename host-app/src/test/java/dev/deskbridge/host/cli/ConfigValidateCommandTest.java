package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.host.config.PluginsConfig;
import dev.deskbridge.host.plugins.BuiltInConnectors;
import dev.deskbridge.host.plugins.ConnectorRegistry;
import dev.deskbridge.host.plugins.PluginHost;
import dev.deskbridge.host.plugins.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConfigValidateCommandTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().resolveSibling("examples").resolve("deskbridge.yaml");

    /** A distinctive value for every variable the example uses; the secret ones must never be printed. */
    private static Map<String, String> exampleEnv() throws Exception {
        Map<String, String> env = new HashMap<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)").matcher(Files.readString(EXAMPLE));
        while (m.find()) {
            env.put(m.group(1), "Sekr3t-" + m.group(1) + "-7xq");
        }
        env.put("DESKBRIDGE_PUBLIC_URL", "https://bridge.acme.example");
        env.put("TWILIO_ACCOUNT_SID", "AC" + "0123456789abcdef".repeat(2));
        return env;
    }

    @TempDir
    Path home;

    @BeforeEach
    void plugins() throws Exception {
        TestJars.copyRealPlugins(home.resolve("plugins"));
    }

    /** Runs with every log event captured too: secrets must not reach the log either. */
    private static String withLogs(List<ILoggingEvent> events, Supplier<CliRun> run, CliRun[] result) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            result[0] = run.get();
        } finally {
            root.detachAppender(appender);
        }
        events.addAll(appender.list);
        StringBuilder logs = new StringBuilder();
        for (ILoggingEvent e : appender.list) {
            logs.append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                logs.append(t.getMessage()).append('\n');
            }
        }
        return logs.toString();
    }

    /** Where the example's Zendesk CRM stands in its crms list. */
    private static int zendeskIndex(ObjectNode doc) {
        ArrayNode crms = (ArrayNode) doc.get("crms");
        for (int i = 0; i < crms.size(); i++) {
            if (crms.get(i).get("type").asText().equals("zendesk")) {
                return i;
            }
        }
        throw new AssertionError("the example configures no zendesk crm");
    }

    /** The real Zendesk plugin's spec, so the test follows its setting names. */
    private ConfigSpec zendeskSpec() throws Exception {
        try (PluginHost host = PluginHost.load(PluginsConfig.untrusted(home.resolve("plugins")), "0.1.0")) {
            return ConnectorRegistry.of(BuiltInConnectors.none(), host).crmSpec("zendesk").orElseThrow();
        }
    }

    @Test
    void missingZendeskTokenAndMalformedUrlAreBothReportedWithPathsAndNoSecretIsPrinted() throws Exception {
        ConfigSpec zendesk = zendeskSpec();
        String token = zendesk.settings().stream().filter(s -> s.required() && s.secret() && s.name().contains("token"))
                .findFirst().orElseThrow().name();
        String url = zendesk.settings().stream().filter(s -> s.type() == SettingType.URL)
                .findFirst().orElseThrow().name();

        YAMLMapper yaml = new YAMLMapper();
        ObjectNode doc = (ObjectNode) yaml.readTree(EXAMPLE.toFile());
        int index = zendeskIndex(doc);
        ObjectNode config = (ObjectNode) doc.get("crms").get(index).get("config");
        config.remove(token);
        zendesk.settings().stream().filter(s -> !s.required() && s.type() == SettingType.STRING
                && zendesk.setting(s.name()).map(Setting::description).orElse("").contains(url))
                .forEach(s -> config.remove(s.name())); // the subdomain, which url replaces
        config.put(url, "https//acme zendesk com");
        Path file = home.resolve("broken.yaml");
        yaml.writeValue(file.toFile(), doc);

        Map<String, String> env = exampleEnv();
        List<ILoggingEvent> events = new java.util.ArrayList<>();
        CliRun[] run = new CliRun[1];
        String logs = withLogs(events, () -> CliRun.run(CliRun.environment(home, env), "config", "validate", file.toString()), run);

        assertThat(run[0].exit()).as(run[0].all()).isEqualTo(2);
        String prefix = "crms[" + index + "].config.";
        assertThat(run[0].out().lines()).contains(
                prefix + token + ": required",
                prefix + url + ": must be a valid URL, got 'https//acme zendesk com'");
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().contains("TOKEN") || e.getKey().contains("SECRET") || e.getKey().contains("PASSWORD")) {
                assertThat(run[0].all() + logs).as("output and logs must not show " + e.getKey())
                        .doesNotContain(e.getValue());
            }
        }
    }

    @Test
    void threeBadSettingsOfTheZendeskPluginAreAllReportedInOneRun() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode doc = (ObjectNode) yaml.readTree(EXAMPLE.toFile());
        int index = zendeskIndex(doc);
        ObjectNode config = (ObjectNode) doc.get("crms").get(index).get("config");
        config.put("subdomain", "acme.zendesk.com");   // the whole host, not the subdomain
        config.put("requests_per_minute", "0");
        config.put("request_timeout", "2h");
        config.put("url", "https://support.acme.example"); // with subdomain: a rule across both
        Path file = home.resolve("three-bad.yaml");
        yaml.writeValue(file.toFile(), doc);

        CliRun run = CliRun.run(CliRun.environment(home, exampleEnv()), "config", "validate", file.toString());

        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        String prefix = "crms[" + index + "].config.";
        assertThat(run.out().lines().filter(l -> l.startsWith(prefix))).containsExactlyInAnyOrder(
                prefix + "subdomain: must be a subdomain: letters, digits and '-', the part before .zendesk.com,"
                        + " got 'acme.zendesk.com'",
                prefix + "requests_per_minute: must be from 1 to 100000, got '0'",
                prefix + "request_timeout: must be from 100ms to 5m, got '2h'");

        // The same file with a good subdomain: the rule across subdomain and url now speaks, in the
        // same run as the two remaining per-setting problems.
        config.put("subdomain", "acme");
        yaml.writeValue(file.toFile(), doc);
        CliRun again = CliRun.run(CliRun.environment(home, exampleEnv()), "config", "validate", file.toString());
        assertThat(again.out().lines().filter(l -> l.startsWith(prefix))).containsExactlyInAnyOrder(
                prefix + "requests_per_minute: must be from 1 to 100000, got '0'",
                prefix + "request_timeout: must be from 100ms to 5m, got '2h'",
                prefix + "subdomain: give only one of subdomain, url");
    }

    @Test
    void aSecretPutIntoASettingThatIsNotSecretIsShownAsItsReference() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode doc = (ObjectNode) yaml.readTree(EXAMPLE.toFile());
        ((ObjectNode) doc.with("engine")).put("workers", "${DESKBRIDGE_ADMIN_TOKEN}");
        ObjectNode config = (ObjectNode) doc.get("crms").get(zendeskIndex(doc)).get("config");
        config.put("request_timeout", "${ZENDESK_API_TOKEN} x");
        Path file = home.resolve("secret-in-plain-setting.yaml");
        yaml.writeValue(file.toFile(), doc);

        Map<String, String> env = exampleEnv();
        CliRun run = CliRun.run(CliRun.environment(home, env), "config", "validate", file.toString());

        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        // Before: "must be a whole number, got 'Sekr3t-DESKBRIDGE_ADMIN_TOKEN-7xq'", the token printed in full.
        assertThat(run.all()).doesNotContain(env.get("DESKBRIDGE_ADMIN_TOKEN")).doesNotContain(env.get("ZENDESK_API_TOKEN"))
                .contains("engine.workers: ").contains("${DESKBRIDGE_ADMIN_TOKEN}")
                .contains("got '${ZENDESK_API_TOKEN} x'");
    }

    @Test
    void anUnsetTokenVariableIsReportedWithItsPath() throws Exception {
        Map<String, String> env = exampleEnv();
        env.remove("ZENDESK_API_TOKEN");
        CliRun run = CliRun.run(CliRun.environment(home, env), "config", "validate", EXAMPLE.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).containsPattern(
                "crms\\[\\d]\\.config\\.api_token: environment variable ZENDESK_API_TOKEN is not set");
        assertThat(run.all()).doesNotContain("Sekr3t-");
    }

    @Test
    void theExampleConfigIsValid() throws Exception {
        assumeTrue(BuiltInConnectors.load().channels().stream().anyMatch(p -> p.type().equals("whatsapp-cloud")),
                "the whatsapp-cloud channel is built into the host");
        CliRun run = CliRun.run(CliRun.environment(home, exampleEnv()), "config", "validate", EXAMPLE.toString());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("OK\n");
    }

    @Test
    void theExampleEnvFileNamesEveryVariableAndMakesTheExampleValidAsTheReadmeSays() throws Exception {
        assumeTrue(BuiltInConnectors.load().channels().stream().anyMatch(p -> p.type().equals("whatsapp-cloud")),
                "the whatsapp-cloud channel is built into the host");
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(EXAMPLE.resolveSibling("deskbridge.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Matcher needed = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)\\}").matcher(Files.readAllLines(EXAMPLE).stream()
                .filter(l -> !l.strip().startsWith("#")).collect(java.util.stream.Collectors.joining("\n")));
        while (needed.find()) {
            assertThat(env).as("examples/deskbridge.env sets " + needed.group(1)).containsKey(needed.group(1));
        }
        CliRun run = CliRun.run(CliRun.environment(home, env), "config", "validate", EXAMPLE.toString());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("OK\n");
        String readme = Files.readString(EXAMPLE.getParent().resolveSibling("README.md"));
        assertThat(readme).contains("set -a; . examples/deskbridge.env; set +a")
                .contains("./deskbridge config validate examples/deskbridge.yaml");
    }

    @Test
    void aValidConfigPrintsOk() throws Exception {
        Path file = Files.writeString(home.resolve("ok.yaml"), String.join("\n",
                "host: { public_base_url: https://bridge.example.com, admin_token: '${ADMIN}' }",
                "crms:",
                "  - id: desk-1",
                "    type: setup-test-crm",
                "    config: { token: '${TOKEN}' }",
                ""));
        CliRun run = CliRun.run(CliRun.withTestCrms(home, Map.of("ADMIN", "admin-token-of-16+", "TOKEN", "t")),
                "config", "validate", file.toString());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("OK\n");
    }

    @Test
    void yamlSyntaxErrorsAreProblemsWithLineAndColumn() throws Exception {
        Path file = Files.writeString(home.resolve("bad.yaml"), "host:\n  public_base_url: [unclosed\n");
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "config", "validate", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).containsPattern("line \\d+, column \\d+: ").contains("1 problem in " + file);
    }

    @Test
    void anUnknownTypeNamesTheKnownOnesAndPluginFailuresAreWarned() throws Exception {
        Files.writeString(home.resolve("plugins").resolve("junk.jar"), "not a jar");
        Path file = Files.writeString(home.resolve("c.yaml"),
                "host: { public_base_url: https://bridge.example.com }\ncrms: [ { id: x, type: freshdesk } ]\n");
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "config", "validate", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("crms[0].type: no plugin provides crm type 'freshdesk' (known: ")
                .contains("twilio-conversations, zendesk");
        assertThat(run.err()).contains("warning: plugin file junk.jar not loaded: not a readable jar file");
    }
}
