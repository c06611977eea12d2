package dev.deskbridge.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.InvalidConfigException;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String VALID = String.join("\n",
            "host:",
            "  public_base_url: https://bridge.example.com/",
            "  http: { bind: 0.0.0.0, port: 9090 }",
            "  admin_token: ${ADMIN_TOKEN}",
            "database:",
            "  password: ${DB_PASSWORD:-}",
            "engine:",
            "  workers: 2",
            "  warn_before: 90m",
            "  window_margin: 0s",
            "channels:",
            "  - id: wa-main",
            "    type: whatsapp-cloud",
            "    config:",
            "      phone_number_id: 1234567890",
            "      access_token: ${WA_TOKEN}",
            "      app_secret: ${WA_APP_SECRET}",
            "crms:",
            "  - id: zendesk-main",
            "    type: zendesk",
            "    config:",
            "      subdomain: acme",
            "      email: bot@acme.example",
            "      api_token: ${ZENDESK_TOKEN}",
            "      webhook_signing_secret: ${ZENDESK_SIGNING:-dev-signing}",
            "routes:",
            "  - channel: wa-main",
            "    crm: zendesk-main",
            "    policy: hold-and-reengage",
            "    reengage_template: { name: reengage_v1, language: en_US, category: utility, body_parameters: [Acme] }",
            "    monthly_budget: { amount: \"50.00\", currency: USD }",
            "");

    private static final Map<String, String> ENV = Map.of(
            "ADMIN_TOKEN", "adm-Q7x-long-enough-1", "WA_TOKEN", "wa-token-1", "WA_APP_SECRET", "wa-secret-1",
            "ZENDESK_TOKEN", "zd #token: 'with yaml chars'");

    private ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(EnvLookup.of(env), dir.resolve("home"));
    }

    @Test
    void readsAValidConfigWithDefaultsAndSubstitutedValues() throws Exception {
        Path file = dir.resolve("deskbridge.yaml");
        Files.writeString(file, VALID);

        ConfigResult result = loader(ENV).read(file).validate(TestSpecs.SPECS);

        assertThat(result.problems()).isEmpty();
        DeskBridgeConfig c = result.orThrow();
        assertThat(c.host().publicBaseUrl()).hasToString("https://bridge.example.com");
        assertThat(c.host().crmWebhookUrl("zendesk-main")).isEqualTo("https://bridge.example.com/webhooks/crms/zendesk-main");
        assertThat(c.host().channelWebhookUrl("wa-main")).isEqualTo("https://bridge.example.com/webhooks/channels/wa-main");
        assertThat(c.host().http()).isEqualTo(new HttpConfig("0.0.0.0", 9090, 1_048_576));
        assertThat(c.host().adminToken()).get().extracting(s -> s.reveal()).isEqualTo("adm-Q7x-long-enough-1");
        assertThat(c.database().url()).isEqualTo("jdbc:h2:file:./data/deskbridge");
        assertThat(c.database().user()).isEqualTo("sa");
        assertThat(c.database().password().reveal()).isEmpty();
        assertThat(c.plugins().dir()).isEqualTo(dir.resolve("home").resolve("plugins").toAbsolutePath());
        assertThat(c.plugins().trusted()).isEmpty();
        assertThat(c.pricing()).isEqualTo(new PricingConfig(java.util.Optional.empty(), java.util.Optional.empty(), 0));
        assertThat(c.engine()).isEqualTo(new EngineConfig(2, 8, Duration.ofHours(24), Duration.ofMinutes(90),
                Duration.ZERO, Duration.ofDays(30)));
        assertThat(c.channels()).singleElement().satisfies(ch -> {
            assertThat(ch.id()).isEqualTo("wa-main");
            assertThat(ch.type()).isEqualTo("whatsapp-cloud");
            assertThat(ch.config()).containsEntry("phone_number_id", "1234567890").containsEntry("access_token", "wa-token-1");
            assertThat(ch.settings(TestSpecs.CHANNEL).requireString("api_version")).isEqualTo("v23.0");
        });
        // The secret keeps its YAML characters: it was substituted after parsing.
        assertThat(c.crm("zendesk-main").orElseThrow().config())
                .containsEntry("api_token", "zd #token: 'with yaml chars'")
                .containsEntry("webhook_signing_secret", "dev-signing");
        RouteConfig route = c.routeOfChannel("wa-main").orElseThrow();
        assertThat(route.policy()).isEqualTo(ReplyPolicy.HOLD_AND_REENGAGE);
        assertThat(route.reengageTemplate()).contains(
                new ReengageTemplate("reengage_v1", "en_US", TemplateCategory.UTILITY, List.of("Acme")));
        assertThat(route.monthlyBudget()).contains(Money.of("50", "USD"));
        assertThat(route.readReceipts()).as("read receipts by default").isFalse();
        assertThat(c.routesOfCrm("zendesk-main")).containsExactly(route);
    }

    @Test
    void aRouteAsksForReadReceipts() throws Exception {
        Path file = dir.resolve("deskbridge.yaml");
        Files.writeString(file, VALID + "    read_receipts: true\n");
        assertThat(loader(ENV).read(file).validate(TestSpecs.SPECS).orThrow().routeOfChannel("wa-main").orElseThrow()
                .readReceipts()).isTrue();

        Files.writeString(file, VALID + "    read_receipts: sometimes\n");
        assertThat(loader(ENV).read(file).validate(TestSpecs.SPECS).problems())
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("routes[0].read_receipts"));
    }

    @Test
    void secretsStayOutOfToString() throws Exception {
        DeskBridgeConfig c = loader(ENV).parse(VALID, dir).validate(TestSpecs.SPECS).orThrow();
        assertThat(c.toString()).doesNotContain("adm-Q7x-long-enough-1", "wa-token-1", "wa-secret-1", "zd #token").contains("wa-main");
    }

    @Test
    void environmentForms() {
        String yaml = String.join("\n",
                "host:",
                "  public_base_url: ${BASE:-https://fallback.example.com}",
                "database:",
                "  url: jdbc:h2:mem:${DB_NAME}",
                "  user: ${EMPTY:-app}",
                "  password: $${NOT_A_REFERENCE}",
                "");
        DeskBridgeConfig c = loader(Map.of("DB_NAME", "test", "EMPTY", ""))
                .parse(yaml, dir).validate(TestSpecs.SPECS).orThrow();
        assertThat(c.host().publicBaseUrl()).hasToString("https://fallback.example.com");
        assertThat(c.database().url()).isEqualTo("jdbc:h2:mem:test");
        assertThat(c.database().user()).as("default also applies to an empty variable").isEqualTo("app");
        assertThat(c.database().password().reveal()).isEqualTo("${NOT_A_REFERENCE}");
    }

    @Test
    void unsetVariablesAndMalformedReferencesAreProblemsWithTheirPaths() {
        String yaml = String.join("\n",
                "host:",
                "  public_base_url: https://b.example.com",
                "  admin_token: ${ADMIN_TOKEN}",
                "database:",
                "  user: ${bad-name}",
                "  url: jdbc:h2:mem:${UNCLOSED",
                "");
        List<ConfigProblem> problems = loader(Map.of()).parse(yaml, dir).validate(TestSpecs.SPECS).problems();
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "host.admin_token: environment variable ADMIN_TOKEN is not set",
                "database.user: malformed environment reference; use ${NAME} or ${NAME:-default}",
                "database.url: unterminated ${ reference");
    }

    @Test
    void yamlSyntaxErrorsHaveLineAndColumnButNoText() {
        String yaml = String.join("\n",
                "host:",
                "  public_base_url: https://b.example.com",
                "  admin_token: \"Sup3r-Inline-S3cret",
                "database: {",
                "");
        ConfigSource source = loader(Map.of()).parse(yaml, dir);
        List<ConfigProblem> problems = source.validate(TestSpecs.SPECS).problems();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).matches("line \\d+, column \\d+");
            assertThat(p.toString()).doesNotContain("Sup3r-Inline-S3cret");
        });
        assertThat(source.readProblems()).isEqualTo(problems);
    }

    @Test
    void badIndentationNamesTheLine() {
        String yaml = "host:\n  public_base_url: https://b.example.com\n bad: indentation: here\n";
        List<ConfigProblem> problems = loader(Map.of()).parse(yaml, dir).validate(TestSpecs.SPECS).problems();
        assertThat(problems).singleElement().extracting(ConfigProblem::path).asString().startsWith("line 3, column");
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        String yaml = "host:\n  public_base_url: https://a.example.com\n  public_base_url: https://b.example.com\n";
        List<ConfigProblem> problems = loader(Map.of()).parse(yaml, dir).validate(TestSpecs.SPECS).problems();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).startsWith("line 3,");
            assertThat(p.message()).contains("public_base_url");
        });
    }

    @Test
    void anUnreadableFileIsAProblem() {
        ConfigResult result = loader(Map.of()).read(dir.resolve("missing.yaml")).validate(TestSpecs.SPECS);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).endsWith("missing.yaml");
            assertThat(p.message()).contains("cannot read");
        });
        assertThatThrownBy(result::orThrow).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void pluginsSectionIsReadBeforeValidationAndRelativePathsFollowTheFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("conf"));
        Path file = sub.resolve("d.yaml");
        String digest = "AB".repeat(32);
        Files.writeString(file, "plugins:\n  dir: ../my-plugins\n  trusted: [ \"sha256:" + digest + "\", nonsense ]\n");
        ConfigSource source = loader(Map.of()).read(file);

        PluginsConfig plugins = source.plugins();
        assertThat(plugins.dir()).isEqualTo(dir.resolve("my-plugins").toAbsolutePath());
        assertThat(plugins.trusted()).contains(java.util.Set.of("ab".repeat(32)));
        assertThat(source.validate(TestSpecs.SPECS).problems()).extracting(ConfigProblem::toString)
                .contains("plugins.trusted[1]: must be a SHA-256 digest (64 hex characters)");
    }

    @Test
    void anEmptyFileNeedsOnlyThePublicAddress() {
        assertThat(loader(Map.of()).parse("", dir).validate(TestSpecs.SPECS).problems())
                .extracting(ConfigProblem::toString).containsExactly("host.public_base_url: required");
        assertThat(loader(Map.of()).parse("host: { public_base_url: 'https://x.example.com' }", dir)
                .validate(TestSpecs.SPECS).valid()).isTrue();
    }
}
