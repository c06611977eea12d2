package dev.deskbridge.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidationTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml, Map<String, String> env) {
        return new ConfigLoader(EnvLookup.of(env), dir).parse(yaml, dir).validate(TestSpecs.SPECS).problems()
                .stream().map(ConfigProblem::toString).toList();
    }

    private List<String> problems(String... lines) {
        return problems(String.join("\n", lines) + "\n", Map.of());
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        List<String> problems = problems(
                "host:",
                "  http: { port: 70000, max_body_bytes: 0 }",
                "  extra: 1",
                "database: { url: 'postgres://nope' }",
                "pricing: { markets: markets.csv }",
                "engine: { workers: 0, max_age: soon, warn_before: 25h }",
                "surprise: true",
                "channels:",
                "  - id: wa-main",
                "    type: whatsapp-cloud",
                "    config: { phone_number_id: [1, 2], app_secret: s }",
                "  - id: wa-main",
                "    type: telegram",
                "  - id: 'bad id!'",
                "    type: twilio-whatsapp",
                "    config: { phone_number_id: p, access_token: t, app_secret: s }",
                "crms:",
                "  - id: zendesk-main",
                "    type: zendesk",
                "    config: { url: 'not a url', email: bot@acme.example, webhook_signing_secret: w }",
                "routes:",
                "  - channel: wa-nope",
                "    crm: zd-nope",
                "    policy: always",
                "  - channel: wa-main",
                "    crm: zendesk-main",
                "    policy: hold-and-reengage",
                "    monthly_budget: { amount: '-1', currency: usd }",
                "  - channel: wa-main",
                "    crm: zendesk-main",
                "    reengage_template: { name: t, language: English, category: promo, body_parameters: x }",
                "    monthly_budget: { amount: lots, currency: XYZ }");

        assertThat(problems).containsExactlyInAnyOrder(
                "surprise: unknown section; expected one of host, database, plugins, pricing, engine, channels, crms, routes, templates, messaging",
                "host.public_base_url: required",
                "host.extra: unknown setting",
                "host.http.port: must be between 0 and 65535, got 70000",
                "host.http.max_body_bytes: must be between 1024 and 2147483647, got 0",
                "database.url: must be a JDBC URL starting with jdbc:",
                "pricing.rates: required when markets is set",
                "pricing.markets: file not found: " + dir.resolve("markets.csv"),
                "engine.max_age: must be a duration such as 30s, 5m, 2h or PT2H, got 'soon'",
                "engine.workers: must be between 1 and 256, got 0",
                "engine.warn_before: must be shorter than the 24h customer service window",
                "channels[0].config.phone_number_id: must be a single value, not a list",
                "channels[0].config.access_token: required",
                "channels[1].id: duplicate id 'wa-main' (also channels[0])",
                "channels[1].type: no plugin provides channel type 'telegram' (known: twilio-whatsapp, whatsapp-cloud)",
                "channels[2].id: must be 1 to 64 letters, digits, '.', '_' or '-', got 'bad id!'",
                "crms[0].config.url: must be a valid URL, got 'not a url'",
                "crms[0].config.api_token: required",
                "routes[0].channel: no channel with id 'wa-nope'",
                "routes[0].crm: no crm with id 'zd-nope'",
                "routes[0].policy: must be hold-and-reengage or refuse, got 'always'",
                "routes[1].reengage_template: required when policy is hold-and-reengage",
                "routes[1].monthly_budget.amount: must not be negative",
                "routes[1].monthly_budget.currency: must be an ISO 4217 currency code such as USD, got 'usd'",
                "routes[2].channel: channel 'wa-main' already has a route (routes[1]); a channel's conversations go to one CRM",
                "routes[2].reengage_template.body_parameters: must be a list of values",
                "routes[2].reengage_template.language: must be a language code such as en or en_US, got 'English'",
                "routes[2].reengage_template.category: must be utility, marketing or authentication, got 'promo'",
                "routes[2].monthly_budget.amount: must be a decimal number, got 'lots'",
                "routes[2].monthly_budget.currency: must be an ISO 4217 currency code such as USD, got 'XYZ'");
    }

    @Test
    void aNegativeDurationIsToldToBePositive() {
        assertThat(problems(
                "host: { public_base_url: 'https://b.example.com' }",
                "engine: { max_age: -5m, warn_before: '-PT1H' }"))
                .containsExactly(
                        "engine.max_age: must be positive, got '-5m'",
                        "engine.warn_before: must be positive, got '-PT1H'");
    }

    @Test
    void anUnsupportedDatabaseIsFlaggedWithoutShowingTheUrl() {
        assertThat(problems(
                "host: { public_base_url: 'https://b.example.com' }",
                "database: { url: 'jdbc:mysql://db.internal:3306/deskbridge?password=hunter2' }"))
                .containsExactly("database.url: jdbc:mysql is not supported; use jdbc:h2:... (embedded) or "
                        + "jdbc:postgresql://...");
    }

    @Test
    void problemsComeInTheOrderOfTheFile() {
        assertThat(problems(
                "engine: { workers: 0 }",
                "crms:",
                "  - id: z",
                "    type: zendesk",
                "    config: { subdomain: acme, api_token: '${UNSET}', email: e, webhook_signing_secret: s, pin: x }",
                "host: { admin_token: '${ALSO_UNSET}' }"))
                .containsExactly(
                        "engine.workers: must be between 1 and 256, got 0",
                        "crms[0].config.api_token: environment variable UNSET is not set",
                        "crms[0].config.pin: must be a whole number, got the given value",
                        "host.public_base_url: required",
                        "host.admin_token: environment variable ALSO_UNSET is not set");
    }

    @Test
    void credentialsInThePublicUrlAndABindAddressNobodyCanListenOnAreRefused() {
        assertThat(problems("host: { public_base_url: 'https://ops:Sekr3t-url@b.example.com' }"))
                .containsExactly("host.public_base_url: must not carry user:password@; put credentials in the "
                        + "proxy's own configuration");
        assertThat(problems("host: { public_base_url: 'https://b.example.com', http: { bind: 999.1.1.1 } }"))
                .containsExactly("host.http.bind: is not an IP address or a host name this machine can resolve");
        assertThat(problems("host: { public_base_url: 'https://b.example.com', http: { bind: no-such-host.invalid } }"))
                .containsExactly("host.http.bind: is not an IP address or a host name this machine can resolve");
    }

    @Test
    void rangeChecksRunOnceTheTypesAreRight() {
        assertThat(problems(
                "host: { public_base_url: 'https://b.example.com?x=1' }",
                "engine: { workers: 0, max_attempts: 2000, warn_before: 25h, max_age: PT0S, window_margin: 2h,",
                "  keep_handled: 6d }",
                "pricing: { markets: m.csv, rates: r.csv, free_service_allowance: -1 }",
                "routes:",
                "  - { channel: c, crm: x, monthly_budget: { amount: '1', currency: XYZ } }"))
                .containsExactlyInAnyOrder(
                        "host.public_base_url: must not have a query or fragment",
                        "engine.workers: must be between 1 and 256, got 0",
                        "engine.max_attempts: must be between 1 and 1000, got 2000",
                        "engine.max_age: must be a positive duration",
                        "engine.warn_before: must be shorter than the 24h customer service window",
                        "engine.window_margin: must be between 0s and 60m",
                        "engine.keep_handled: must be at least 7d: Meta redelivers a webhook for up to 7 days, and a "
                                + "redelivery is recognised by the item kept for it",
                        "pricing.markets: file not found: " + dir.resolve("m.csv"),
                        "pricing.rates: file not found: " + dir.resolve("r.csv"),
                        "pricing.free_service_allowance: must be between 0 and 2147483647, got -1",
                        "routes[0].channel: no channel with id 'c'",
                        "routes[0].crm: no crm with id 'x'",
                        "routes[0].monthly_budget.currency: must be an ISO 4217 currency code such as USD, got 'XYZ'");
    }

    @Test
    void aShortAdminTokenIsReportedWithoutItsValue() {
        assertThat(problems("host: { public_base_url: 'https://b.example.com', admin_token: 'Short-Tok3n' }"))
                .containsExactly("host.admin_token: must be at least 16 characters");
        assertThat(problems("host: { public_base_url: 'https://b.example.com', admin_token: 'Long-Enough-Tok3n' }"))
                .isEmpty();
    }

    @Test
    void pricingFilesAreFoundBesideTheConfig() throws Exception {
        Files.writeString(dir.resolve("m.csv"), "x");
        Files.writeString(dir.resolve("r.csv"), "x");
        DeskBridgeConfig c = new ConfigLoader(EnvLookup.of(Map.of()), dir)
                .parse("host: { public_base_url: 'https://b.example.com' }\npricing: { markets: m.csv, rates: r.csv }\n", dir)
                .validate(TestSpecs.SPECS).orThrow();
        assertThat(c.pricing().markets()).contains(dir.resolve("m.csv"));
        assertThat(c.pricing().rates()).contains(dir.resolve("r.csv"));
    }

    @Test
    void wrongShapesAreReportedNotThrown() {
        assertThat(problems(
                "host: [1, 2]",
                "channels: { id: x }",
                "crms:",
                "  - just-a-string",
                "routes: 3"))
                .containsExactlyInAnyOrder(
                        "host: must be a mapping",
                        "channels: must be a list of channels",
                        "crms[0]: must be a mapping with id, type and config",
                        "routes: must be a list of routes");
        assertThat(problems("- a", "- b")).singleElement().asString().startsWith("(file): must be a mapping");
    }

    @Test
    void unknownTypeListsNoneWhenNothingIsKnown() {
        List<ConfigProblem> problems = new ConfigLoader(EnvLookup.of(Map.of()), dir)
                .parse("host: { public_base_url: 'https://b.example.com' }\ncrms: [ { id: a, type: zendesk } ]\n", dir)
                .validate(ConnectorSpecs.of(Map.of(), Map.of())).problems();
        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly("crms[0].type: no plugin provides crm type 'zendesk' (known: none)");
    }

    @Test
    void secretValuesAppearInNoProblem() {
        Map<String, String> env = Map.of(
                "ADMIN", "Xq9-ADMIN-SECRET-77", "DBPW", "Xq9-DB-SECRET-77", "TOKEN", "Xq9-TOKEN-SECRET-77");
        String yaml = String.join("\n",
                "host:",
                "  public_base_url: not-a-url",
                "  admin_token: ${ADMIN}",
                "database:",
                "  url: 'jdbc-ish:password=Xq9-URL-SECRET-77'",
                "  password: ${DBPW}",
                "crms:",
                "  - id: zendesk-main",
                "    type: zendesk",
                "    config:",
                "      url: https://acme.zendesk.com",
                "      api_token: ${TOKEN}",
                "      pin: Xq9-PIN-SECRET-77",
                "      webhook_signing_secret: [Xq9-LIST-SECRET-77]",
                "");
        List<String> problems = problems(yaml, env);

        assertThat(problems).contains(
                "crms[0].config.pin: must be a whole number, got the given value",
                "crms[0].config.email: required",
                "crms[0].config.webhook_signing_secret: must be a single value, not a list",
                "database.url: must be a JDBC URL starting with jdbc:");
        assertThat(String.join("\n", problems)).doesNotContain("Xq9");
    }

    @Test
    void hostSettingsAreDeclaredAsSpecsForTheReference() {
        Map<String, ConfigSpec> sections = HostSettings.sections();
        assertThat(sections).containsKeys("host", "host.http", "database", "plugins", "pricing", "engine",
                "channels[]", "crms[]", "routes[]", "routes[].reengage_template", "routes[].monthly_budget");
        assertThat(sections.get("host").setting("admin_token")).get().matches(s -> s.secret());
        assertThat(sections.get("database").setting("password")).get().matches(s -> s.secret());
        assertThat(sections.get("engine").setting("max_age").orElseThrow().defaultValue()).contains("24h");
        assertThat(sections.values()).allSatisfy(spec ->
                assertThat(spec.settings()).allSatisfy(s -> assertThat(s.description()).isNotBlank()));
    }
}
