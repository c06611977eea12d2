package dev.deskbridge.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagingConfigTest {
    @TempDir
    Path dir;

    private ConfigResult read(String messaging, Map<String, String> env) {
        String yaml = "host: { public_base_url: 'https://b.example.com', admin_token: '${ADMIN}' }\n" + messaging;
        return new ConfigLoader(EnvLookup.of(env), dir).parse(yaml, dir).validate(TestSpecs.SPECS);
    }

    @Test
    void theSendTokenAndThePaceAreReadAndTheTokenNeverPrinted() {
        ConfigResult result = read("messaging: { send_token: '${SEND}', campaign_rate: 40 }\n",
                Map.of("ADMIN", "admin-token-0123456789", "SEND", "send-token-0123456789"));
        assertThat(result.problems()).isEmpty();
        MessagingConfig messaging = result.orThrow().messaging();
        assertThat(messaging.sendToken().orElseThrow().reveal()).isEqualTo("send-token-0123456789");
        assertThat(messaging.campaignRate()).isEqualTo(40);
        assertThat(messaging.toString()).doesNotContain("send-token-0123456789");
        assertThat(read("", Map.of("ADMIN", "admin-token-0123456789")).orThrow().messaging())
                .isEqualTo(MessagingConfig.defaults());
    }

    @Test
    void everyProblemIsReportedAtItsPathWithoutTheSecret() {
        List<String> problems = read("messaging: { send_token: '${SEND}', campaign_rate: 0, extra: 1 }\n",
                Map.of("ADMIN", "admin-token-0123456789", "SEND", "admin-token-0123456789")).problems().stream()
                .map(ConfigProblem::toString).toList();
        assertThat(problems).containsExactlyInAnyOrder(
                "messaging.extra: unknown setting",
                "messaging.send_token: must differ from host.admin_token and host.app_token",
                "messaging.campaign_rate: must be between 1 and 1000, got 0");
        assertThat(read("messaging: { send_token: short }\n", Map.of("ADMIN", "admin-token-0123456789")).problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("messaging.send_token: must be at least 16 characters");
        assertThat(String.join("\n", problems)).doesNotContain("admin-token-0123456789");
    }
}
