package dev.deskbridge.host.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's files under routes anyone may call: what a stranger asks for must not stay in memory. */
class DashboardAssetsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final DashboardAssets assets = new DashboardAssets();
    private Javalin app;
    private String base;

    @BeforeEach
    void start() {
        app = Javalin.create(c -> c.showJavalinBanner = false);
        assets.register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void manyDistinctMissingNamesAnswer404AndKeepNothing() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/js/app.js").statusCode()).isEqualTo(200);
        int kept = assets.cachedFiles();
        assertThat(kept).as("the bundled files served are kept").isEqualTo(2);

        for (int i = 0; i < 200; i++) {
            // A name the pattern allows, 4 KB long and different each time, as a stranger could send.
            String name = String.format("%04d", i) + "a".repeat(4 * 1024);
            HttpResponse<String> miss = get("/js/" + name + ".js");
            assertThat(miss.statusCode()).as("a missing file").isEqualTo(404);
            assertThat(miss.body()).isEqualTo("not found");
        }

        assertThat(assets.cachedFiles()).as("files kept after 200 misses").isEqualTo(kept);
        assertThat(get("/js/app.js").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
