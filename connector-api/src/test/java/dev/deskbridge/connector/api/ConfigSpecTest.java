package dev.deskbridge.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.InvalidConfigException;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingCheck;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.connector.api.config.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {
    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.optional("subdomain", SettingType.STRING, "sub"))
            .add(Setting.optional("url", SettingType.URL, "url"))
            .add(Setting.required("token", SettingType.STRING, "token").asSecret())
            .add(Setting.withDefault("limit", SettingType.INTEGER, "400", "limit"))
            .add(Setting.withDefault("lead", SettingType.DURATION, "2h", "lead"))
            .add(Setting.optional("pin", SettingType.INTEGER, "a secret number").asSecret())
            .rule(ConfigRule.atLeastOneOf("subdomain", "url"))
            .build();

    @Test
    void reportsEveryProblemWithItsSettingName() {
        List<ConfigProblem> problems = SPEC.validate(Map.of("url", "not a url", "limit", "many", "typo", "x"));
        assertThat(problems).extracting(ConfigProblem::path).containsExactly("url", "token", "limit", "typo");
        assertThat(problems.get(1).message()).isEqualTo("required");
        assertThat(problems.get(0).message()).contains("'not a url'");
        assertThat(problems.get(3).message()).isEqualTo("unknown setting");
    }

    static final ConfigSpec CHECKED = ConfigSpec.builder()
            .add(Setting.optional("subdomain", SettingType.STRING, "sub")
                    .check(SettingCheck.pattern("[a-z0-9][a-z0-9-]*", "lower-case letters, digits and '-'")))
            .add(Setting.optional("url", SettingType.URL, "url").check(SettingCheck.httpsUrl()))
            .add(Setting.withDefault("mode", SettingType.STRING, "fast", "mode").check(SettingCheck.oneOf("fast", "safe")))
            .add(Setting.withDefault("limit", SettingType.INTEGER, "400", "limit").check(SettingCheck.range(1, 1000)))
            .add(Setting.withDefault("timeout", SettingType.DURATION, "30s", "timeout")
                    .check(SettingCheck.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(5))))
            .add(Setting.optional("fee", SettingType.DECIMAL, "fee").check(SettingCheck.atLeast(BigDecimal.ZERO)))
            .add(Setting.optional("pin", SettingType.STRING, "pin").asSecret()
                    .check(SettingCheck.pattern("\\d{4}", "four digits")))
            .add(Setting.optional("key_id", SettingType.STRING, "key id"))
            .add(Setting.optional("key_secret", SettingType.STRING, "key secret").asSecret())
            .rule(ConfigRule.atLeastOneOf("subdomain", "url"))
            .rule(ConfigRule.requiresWith("key_id", "key_secret"))
            .build();

    @Test
    void everySettingsCheckIsReportedInOnePassWithTheRulesOverSettingsThatPassed() {
        List<ConfigProblem> problems = CHECKED.validate(Map.of("subdomain", "Acme Corp", "mode", "turbo",
                "limit", "0", "timeout", "10m", "fee", "-1", "key_id", "k1"));
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "subdomain: must be lower-case letters, digits and '-', got 'Acme Corp'",
                "mode: must be one of fast, safe, got 'turbo'",
                "limit: must be from 1 to 1000, got '0'",
                "timeout: must be from 1s to 5m, got '10m'",
                "fee: must be at least 0, got '-1'",
                "key_secret: required when key_id is set");
    }

    @Test
    void aRuleOverASettingWithItsOwnProblemWaitsAndOneOverPassedSettingsRuns() {
        assertThat(CHECKED.validate(Map.of("url", "http://crm.example.com")))
                .extracting(ConfigProblem::toString)
                .containsExactly("url: must be an https URL (http only to localhost) without user:password@,"
                        + " got 'http://crm.example.com'");
        assertThat(CHECKED.validate(Map.of("url", "http://127.0.0.1:8080/api"))).isEmpty();
        assertThat(CHECKED.validate(Map.of("url", "https://user:pw@crm.example.com"))).hasSize(1);
        assertThat(CHECKED.validate(Map.of("mode", "turbo"))).extracting(ConfigProblem::path)
                .containsExactly("mode", "subdomain");
    }

    @Test
    void aFailedCheckOfASecretNeverShowsItsValue() {
        List<ConfigProblem> problems = CHECKED.validate(Map.of("subdomain", "acme", "pin", "s3cr3t-pin"));
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly("pin: must be four digits");
    }

    @Test
    void checksAreRefusedOnAnotherTypeAndDefaultsMustPassThem() {
        assertThatThrownBy(() -> Setting.optional("n", SettingType.STRING, "n").check(SettingCheck.range(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not apply");
        assertThatThrownBy(() -> Setting.withDefault("n", SettingType.INTEGER, "0", "n").check(SettingCheck.range(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default of setting n must be from 1 to 2");
    }

    @Test
    void checksAndRulesDescribeThemselvesForTheReference() {
        assertThat(CHECKED.setting("limit").orElseThrow().checks()).extracting(SettingCheck::description)
                .containsExactly("from 1 to 1000");
        assertThat(CHECKED.setting("timeout").orElseThrow().checks()).extracting(SettingCheck::description)
                .containsExactly("from 1s to 5m");
        assertThat(CHECKED.rules()).extracting(ConfigRule::description)
                .containsExactly("give at least one of subdomain, url", "key_secret is required when key_id is set");
    }

    @Test
    void rulesRunOnceSettingsPass() {
        assertThat(SPEC.validate(Map.of("token", "t0ken-value")))
                .containsExactly(new ConfigProblem("subdomain", "required: give one of subdomain, url"));
    }

    @Test
    void secretValuesNeverAppearInProblemsOrToString() {
        List<ConfigProblem> problems = SPEC.validate(Map.of("subdomain", "acme", "token", "s3cr3t", "pin", "s3cr3t-pin"));
        assertThat(problems.toString()).doesNotContain("s3cr3t-pin").contains("pin");
        Settings settings = SPEC.resolve(Map.of("subdomain", "acme", "token", "s3cr3t-token"));
        assertThat(settings.toString()).doesNotContain("s3cr3t-token").contains("token=****");
        assertThat(settings.secret("token").orElseThrow().toString()).isEqualTo("****");
        assertThat(settings.secret("token").orElseThrow().reveal()).isEqualTo("s3cr3t-token");
    }

    @Test
    void resolveAppliesDefaultsAndTypes() {
        Settings settings = SPEC.resolve(Map.of("subdomain", "acme", "token", "x1234"));
        assertThat(settings.integer("limit")).contains(400L);
        assertThat(settings.duration("lead")).contains(Duration.ofHours(2));
        assertThat(settings.string("url")).isEmpty();
        assertThatThrownBy(() -> settings.string("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolveThrowsWithAllProblems() {
        assertThatThrownBy(() -> SPEC.resolve(Map.of("limit", "x")))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems())
                        .as("token required, limit not a number, and the rule over subdomain/url (both passed)")
                        .extracting(ConfigProblem::path).containsExactly("token", "limit", "subdomain"));
    }

    @Test
    void badDefaultIsRefusedAtDeclaration() {
        assertThatThrownBy(() -> Setting.withDefault("n", SettingType.INTEGER, "ten", "n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n");
    }
}
