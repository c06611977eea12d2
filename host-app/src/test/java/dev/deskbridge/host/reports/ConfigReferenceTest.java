package dev.deskbridge.host.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingCheck;
import dev.deskbridge.connector.api.config.SettingType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
    private static final ConfigSpec ZENDESK = ConfigSpec.builder()
            .add(Setting.required("subdomain", SettingType.STRING, "Your Zendesk subdomain | the part before .zendesk.com."))
            .add(Setting.required("api_token", SettingType.STRING, "API token.").asSecret())
            .add(Setting.withDefault("poll_every", SettingType.DURATION, "30s", "How often to poll."))
            .build();

    @Test
    void documentsEverySettingOfTheHostAndOfEachConnectorType() {
        Map<String, ConfigSpec> host = new LinkedHashMap<>();
        host.put("host", ConfigSpec.builder()
                .add(Setting.required("public_base_url", SettingType.URL, "Public address.")).build());
        host.put("engine", ConfigSpec.builder()
                .add(Setting.withDefault("workers", SettingType.INTEGER, "4", "Threads.")).build());
        String md = ConfigReference.markdown(host, List.of(
                new ConnectorSettings(ConnectorSettings.Kind.CRM, "zendesk", Optional.of("connector-zendesk-0.1.0.jar"), ZENDESK),
                new ConnectorSettings(ConnectorSettings.Kind.CRM, "twilio-conversations", Optional.of("connector-twilio-0.1.0.jar"),
                        ConfigSpec.builder().build()),
                new ConnectorSettings(ConnectorSettings.Kind.CHANNEL, "whatsapp-cloud", Optional.empty(), ConfigSpec.builder()
                        .add(Setting.required("phone_number", SettingType.E164, "Business number.")).build())));

        assertThat(md).startsWith("# DeskBridge configuration reference\n");
        assertThat(md).contains("### `host`\n\n| Setting | Type | Required | Default | Description |\n|---|---|---|---|---|\n"
                + "| `public_base_url` | http(s) URL | yes |  | Public address. |\n");
        assertThat(md).contains("| `workers` | whole number | no | `4` | Threads. |");
        assertThat(md).contains("### `whatsapp-cloud` (built into the host)")
                .contains("| `phone_number` | phone number (E.164) | yes |  | Business number. |");
        assertThat(md).contains("| `api_token` | text, **secret** | yes |  | API token. |");
        assertThat(md).contains("Your Zendesk subdomain \\| the part before .zendesk.com.");
        assertThat(md).contains("| `poll_every` | duration (`30s`, `5m`, `2h`, `PT2H`) | no | `30s` |");
        assertThat(md.indexOf("### `twilio-conversations` (plugin `connector-twilio-0.1.0.jar`)\n\nNo settings."))
                .as("types sorted by name").isLessThan(md.indexOf("### `zendesk`"));
        assertThat(md.indexOf("## Channel types")).isLessThan(md.indexOf("## CRM types"));
    }

    @Test
    void showsEachSettingsChecksAndTheRulesAcrossSettings() {
        ConfigSpec spec = ConfigSpec.builder()
                .add(Setting.optional("subdomain", SettingType.STRING, "Subdomain.")
                        .check(SettingCheck.pattern("[a-z0-9-]+|x", "letters | x")))
                .add(Setting.optional("url", SettingType.URL, "Base URL.").check(SettingCheck.httpsUrl()))
                .add(Setting.withDefault("rpm", SettingType.INTEGER, "400", "Requests per minute.")
                        .check(SettingCheck.range(1, 100_000)))
                .add(Setting.withDefault("timeout", SettingType.DURATION, "30s", "Timeout.")
                        .check(SettingCheck.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(5))))
                .rule(ConfigRule.atLeastOneOf("subdomain", "url"))
                .rule(ConfigRule.atMostOneOf("subdomain", "url"))
                .build();
        String md = ConfigReference.markdown(Map.of(), List.of(
                new ConnectorSettings(ConnectorSettings.Kind.CRM, "zendesk", Optional.of("z.jar"), spec)));

        assertThat(md).contains("| `subdomain` | text | no |  | Subdomain. *Checked:* letters \\| x. |")
                .contains("| `url` | http(s) URL | no |  | Base URL. *Checked:* https (http only to localhost). |")
                .contains("| `rpm` | whole number | no | `400` | Requests per minute. *Checked:* from 1 to 100000. |")
                .contains("| `timeout` | duration (`30s`, `5m`, `2h`, `PT2H`) | no | `30s` | Timeout. *Checked:* from 1s to 5m. |")
                .contains("\n\nChecked across settings:\n\n- give at least one of subdomain, url\n"
                        + "- give at most one of subdomain, url\n");
    }

    @Test
    void saysSoWhenNoConnectorOfAKindIsLoaded() {
        String md = ConfigReference.markdown(Map.of(), List.of());
        assertThat(md).contains("## Channel types\n\nSettings of `channels[].config`, by the channel's `type`.\n\n"
                + "No connector of this kind is loaded.");
    }
}
