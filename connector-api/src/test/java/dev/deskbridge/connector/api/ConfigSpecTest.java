package dev.deskbridge.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.InvalidConfigException;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.connector.api.config.Settings;
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
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).hasSize(2));
    }

    @Test
    void badDefaultIsRefusedAtDeclaration() {
        assertThatThrownBy(() -> Setting.withDefault("n", SettingType.INTEGER, "ten", "n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n");
    }
}
