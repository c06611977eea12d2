package dev.deskbridge.host.cli;

import static dev.deskbridge.host.zendeskapp.ZendeskAppPackageTest.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge zendesk app}: the app's zip, made for the configured host, and how to install it. */
class ZendeskAppCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("DESK_TOKEN", "desk-Tok-99",
            "APP_TOKEN", "Xq9-app-token-0123456789");

    @TempDir
    Path home;

    private Path config(boolean appToken) throws IOException {
        return Files.writeString(home.resolve("deskbridge.yaml"), String.join("\n",
                "host:",
                "  public_base_url: 'https://bridge.acme.example/'",
                appToken ? "  app_token: '${APP_TOKEN}'" : "",
                "crms:",
                "  - id: desk-1",
                "    type: setup-test-crm",
                "    config: { token: '${DESK_TOKEN}' }",
                ""));
    }

    private CliRun run(String... args) {
        return CliRun.run(CliRun.withTestCrms(home, ENV), args);
    }

    @Test
    void writesTheZipMadeForTheConfiguredHostAndSaysHowToInstallIt() throws Exception {
        Path out = home.resolve("app.zip");
        CliRun run = run("zendesk", "app", "--config", config(true).toString(), "--crm", "desk-1", "--out",
                out.toString());

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("Zendesk app written to " + out.toAbsolutePath())
                .contains("made for https://bridge.acme.example (domain whitelist: bridge.acme.example, CRM id: desk-1)")
                .contains("Upload private app").contains("App token = the value of host.app_token")
                .doesNotContain("host.app_token is not set");
        assertThat(run.all()).doesNotContain("Xq9").doesNotContain("desk-Tok-99");

        Map<String, byte[]> files = unzip(Files.newInputStream(out));
        Map<String, byte[]> built = unzip(getClass().getResourceAsStream(ZendeskAppCommand.ZIP_RESOURCE));
        assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(built.keySet());
        built.forEach((name, bytes) -> {
            if (!name.equals("manifest.json")) {
                assertThat(files.get(name)).as(name + " as built").isEqualTo(bytes);
            }
        });
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("domainWhitelist").toString()).isEqualTo("[\"bridge.acme.example\"]");
        JsonNode parameters = manifest.get("parameters");
        assertThat(parameters.get(0).get("default").asText()).isEqualTo("https://bridge.acme.example");
        assertThat(parameters.get(1).get("default").asText()).isEqualTo("desk-1");
        assertThat(parameters.get(2).get("name").asText()).isEqualTo("token");
        assertThat(parameters.get(2).has("default")).as("the secure token has no default").isFalse();
        assertThat(parameters.get(2).get("secure").asBoolean()).isTrue();
        assertThat(new String(files.get("manifest.json"))).doesNotContain("Xq9");
    }

    @Test
    void withoutAConfigTheGenericZipGoesToTheHomeAndAMissingAppTokenIsPointedOut() throws Exception {
        CliRun generic = run("zendesk", "app");
        assertThat(generic.exit()).as(generic.all()).isZero();
        Path zip = home.resolve(ZendeskAppCommand.FILE_NAME);
        assertThat(generic.out()).contains("Zendesk app written to " + zip.toAbsolutePath()).contains("generic");
        assertThat(unzip(Files.newInputStream(zip))).containsKeys("manifest.json", "assets/iframe.html",
                "translations/en.json");

        CliRun noToken = run("zendesk", "app", "--config", config(false).toString(), "--crm", "desk-1");
        assertThat(noToken.exit()).as(noToken.all()).isZero();
        assertThat(noToken.out()).contains("host.app_token is not set");
    }

    @Test
    void theCrmMustBeNamedWhenNoneIsOfTypeZendesk() throws Exception {
        CliRun run = run("zendesk", "app", "--config", config(true).toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no crm of type zendesk").contains("--crm");
        CliRun unknown = run("zendesk", "app", "--config", config(true).toString(), "--crm", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no crm with id 'nope'");
    }
}
