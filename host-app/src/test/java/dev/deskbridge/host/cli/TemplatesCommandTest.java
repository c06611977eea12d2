package dev.deskbridge.host.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.config.EnvLookup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge templates sync|list|show} against a Graph API stub and the configured database. */
class TemplatesCommandTest {
    private static final String WABA = "102290129340398";
    private static final String PATH = "/v23.0/" + WABA + "/message_templates";

    @TempDir
    Path home;
    WireMockServer graph;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        graph = WireMockSupport.startLoopback();
    }

    @AfterEach
    void stop() {
        graph.stop();
    }

    private int run(String... args) {
        CliEnvironment env = new CliEnvironment(EnvLookup.of(Map.of("DATA", home.toString(), "GRAPH",
                WireMockSupport.baseUrl(graph))), home, getClass().getClassLoader(), Clock.systemUTC());
        return DeskBridgeCli.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static String resource(String name) {
        try (InputStream in = TemplatesCommandTest.class.getResourceAsStream("/meta/templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path config() throws IOException {
        return config(home);
    }

    /** One whatsapp-cloud channel, wa-main, at ${GRAPH}, with its database in ${DATA} (LinksCommandTest's too). */
    static Path config(Path home) throws IOException {
        Path config = home.resolve("deskbridge.yaml");
        Files.writeString(config, """
                host:
                  public_base_url: https://bridge.example.test
                database:
                  url: jdbc:h2:file:${DATA}/db
                channels:
                  - id: wa-main
                    type: whatsapp-cloud
                    config:
                      phone_number_id: "106540352242922"
                      business_number: "+15550783881"
                      access_token: token-for-tests-only
                      app_secret: app-secret-for-tests
                      verify_token: verify-token-for-tests
                      base_url: ${GRAPH}
                      waba_id: "%s"
                """.formatted(WABA));
        return config;
    }

    @Test
    void syncReadsEveryPageThenListAndShowReadTheCatalogue() throws IOException {
        graph.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(resource("page-1.json"))));
        graph.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", equalTo("MjQZD"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(resource("page-2.json"))));
        Path config = config();

        assertThat(run("templates", "sync", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wa-main: 3 templates");

        assertThat(run("templates", "list", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("order_update").contains("APPROVED").contains("UTILITY")
                .contains("p:1,2 +text +buttons").contains("2023_april_promo").contains("REJECTED")
                .contains("spring_offer").contains("PAUSED").contains("n:first_name,offer +image +buttons");

        assertThat(run("templates", "show", "spring_offer", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("\"parameterFormat\" : \"named\"").contains("COPY_CODE")
                .contains("body_text_named_params");
        assertThat(run("templates", "show", "nope", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no template 'nope'");
    }

    @Test
    void aProviderThatCannotBeReadLeavesTheCatalogueAndExitsOne() throws IOException {
        graph.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"OAuthException\","
                        + "\"code\":1,\"fbtrace_id\":\"A1\"}}")));

        assertThat(run("templates", "sync", "--config", config().toString())).isEqualTo(1);
        assertThat(out.toString()).contains("wa-main: not synced");
        assertThat(out.toString() + err.toString()).doesNotContain("token-for-tests-only");
    }
}
