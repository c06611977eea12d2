package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.InvalidConfigException;
import dev.deskbridge.connector.api.config.Setting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks shared by the CRM and channel contract suites: the declared settings. */
final class ConnectorContractSupport {
    private ConnectorContractSupport() {}

    static void typeIsAStableName(String type) {
        assertThat(type).as("type").isNotBlank().matches("[a-z][a-z0-9-]*");
    }

    static void specDeclaresDocumentedSettings(ConfigSpec spec) {
        assertThat(spec.settings()).as("declared settings").isNotEmpty();
        for (Setting s : spec.settings()) {
            assertThat(s.description()).as("description of " + s.name()).isNotBlank();
            assertThat(s.name()).as("setting name").matches("[a-z][a-z0-9_]*");
        }
    }

    static void validSettingsPass(ConfigSpec spec, Map<String, String> valid) {
        assertThat(spec.validate(valid)).as("problems with the valid settings").isEmpty();
    }

    static void eachMissingRequiredSettingIsNamed(ConfigSpec spec, Map<String, String> valid) {
        for (Setting s : spec.settings()) {
            if (!s.required() || s.defaultValue().isPresent()) {
                continue;
            }
            Map<String, String> without = new HashMap<>(valid);
            without.remove(s.name());
            List<ConfigProblem> problems = spec.validate(without);
            assertThat(problems).as("problems without " + s.name())
                    .anySatisfy(p -> assertThat(p.path()).isEqualTo(s.name()));
        }
    }

    static void unknownSettingIsNamed(ConfigSpec spec, Map<String, String> valid) {
        Map<String, String> withTypo = new HashMap<>(valid);
        withTypo.put("no_such_setting", "x");
        assertThat(spec.validate(withTypo))
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("no_such_setting"));
    }

    /** Secret values must not appear in problems, in resolved settings' toString, or in exceptions. */
    static void secretsNeverEchoed(ConfigSpec spec, Map<String, String> valid) {
        List<Setting> secrets = spec.settings().stream().filter(Setting::secret).toList();
        assertThat(secrets).as("a connector with credentials declares them secret").isNotEmpty();
        Map<String, String> broken = new HashMap<>(valid);
        broken.put("no_such_setting", "x");
        String text = spec.resolve(valid).toString() + " " + spec.validate(broken);
        try {
            spec.resolve(broken);
        } catch (InvalidConfigException e) {
            text += " " + e.getMessage();
        }
        for (Setting s : secrets) {
            String value = valid.get(s.name());
            if (value != null && value.length() >= 4) {
                assertThat(text).as("output mentioning secret " + s.name()).doesNotContain(value);
            }
        }
        assertThatThrownBy(() -> spec.resolve(broken)).isInstanceOf(InvalidConfigException.class);
    }
}
