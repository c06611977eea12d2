package dev.deskbridge.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code host.app_token}: the sidebar app's token is a secret, long enough, and not the admin token. */
class AppTokenConfigTest {
    @TempDir
    Path dir;

    private ConfigResult load(String yaml, Map<String, String> env) {
        return new ConfigLoader(EnvLookup.of(env), dir).parse(yaml, dir).validate(TestSpecs.SPECS);
    }

    private static List<String> problems(ConfigResult result) {
        return result.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aLongEnoughTokenIsReadAsASecret() {
        ConfigResult result = load("host: { public_base_url: 'https://b.example.com', app_token: '${APP}' }\n",
                Map.of("APP", "Xq9-app-token-0123456789"));
        assertThat(problems(result)).isEmpty();
        HostConfig host = result.orThrow().host();
        assertThat(host.appToken()).hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo("Xq9-app-token-0123456789"));
        assertThat(host.adminToken()).isEmpty();
        assertThat(host.toString()).doesNotContain("Xq9");
        assertThat(HostSettings.HOST.setting("app_token")).get().matches(s -> s.secret());
    }

    @Test
    void aShortTokenOrTheAdminTokenIsRefusedWithoutShowingIt() {
        List<String> shortOne = problems(load("host: { public_base_url: 'https://b.example.com', app_token: Xq9-short }\n",
                Map.of()));
        assertThat(shortOne).containsExactly("host.app_token: must be at least 16 characters");

        List<String> same = problems(load("host: { public_base_url: 'https://b.example.com', admin_token: '${T}', "
                + "app_token: '${T}' }\n", Map.of("T", "Xq9-shared-token-0123456789")));
        assertThat(same).containsExactly("host.app_token: must differ from host.admin_token");
        assertThat(String.join("\n", shortOne) + String.join("\n", same)).doesNotContain("Xq9");
    }
}
