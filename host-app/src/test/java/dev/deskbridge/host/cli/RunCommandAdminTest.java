package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.host.config.EnvLookup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge run} serves the dashboard and the admin API over its own database, behind the admin token. */
class RunCommandAdminTest {
    private static final String TOKEN = "run-command-admin-token-1234";

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theRunningHostServesTheDashboardAndTheAdminApi() throws Exception {
        Path config = home.resolve("deskbridge.yaml");
        Files.writeString(config, """
                host:
                  public_base_url: https://bridge.example.test
                  http: { bind: 127.0.0.1, port: 0 }
                  admin_token: ${ADMIN_TOKEN}
                database:
                  url: jdbc:h2:file:${DATA}/deskbridge
                engine: { workers: 1 }
                """);
        CliEnvironment env = new CliEnvironment(EnvLookup.of(Map.of("DATA", home.resolve("data").toString(),
                "ADMIN_TOKEN", TOKEN)), home, RunCommandAdminTest.class.getClassLoader(), Clock.systemUTC());
        int exit;
        BackgroundCli run = BackgroundCli.start(env, "run", "--config", config.toString(), "--plugins-dir",
                home.resolve("plugins").toString());
        try {
            Matcher m = run.await(Pattern.compile(
                    "dashboard: (http://127\\.0\\.0\\.1:\\d+/) \\(sign in with host.admin_token\\)"));
            String base = m.group(1);

            HttpResponse<String> page = get(base, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>DeskBridge · Operations</title>");
            assertThat(get(base + "api/conversations", null).statusCode()).isEqualTo(401);

            HttpResponse<String> conversations = get(base + "api/conversations", TOKEN);
            assertThat(conversations.statusCode()).as(conversations.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(conversations.body());
            assertThat(body.get("windows").get("open").asInt()).isZero();
            assertThat(body.get("conversations")).isEmpty();

            JsonNode plugins = new ObjectMapper().readTree(get(base + "api/plugins", TOKEN).body()).get("plugins");
            assertThat(plugins.get(0).get("id").asText()).isEqualTo("builtin");
            assertThat(plugins.get(0).get("channelTypes").toString()).contains("whatsapp-cloud");
            assertThat(get(base + "api/costs", TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(base + "health", null).statusCode()).as("the host's own routes stay").isEqualTo(200);
            assertThat(run.printed()).doesNotContain(TOKEN);
        } finally {
            exit = run.stop();
        }
        assertThat(exit).isZero();
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
