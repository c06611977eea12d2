package dev.deskbridge.host.admin.responsiveness;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.host.admin.StoreAdminQueries;
import dev.deskbridge.host.cli.CliEnvironment;
import dev.deskbridge.host.cli.CliRun;
import dev.deskbridge.host.config.EnvLookup;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.AutoReplies;
import dev.deskbridge.host.http.admin.AdminApi;
import dev.deskbridge.host.http.admin.ResponsivenessApi;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HeadlessChromium;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Responsiveness through the real host, on a manual clock: the same figures from the admin API,
 * from {@code deskbridge stats} over the host's database, and on the dashboard in headless Chromium.
 *
 * <pre>
 * Tue 10:00 customer -> agent 10:20                       20m clock,  20m business
 * Tue 23:00 customer (the away message goes out: not an answer)
 * Tue 23:30 customer (nothing: one automatic message per 12 h)
 *                     -> agent Wed 09:30   10h30m and 10h clock, 30m each in business hours
 * as of Wed 10:00: median 10h, p90 10h30m; business 30m and 30m; first response 20m;
 * all 3 in window; within 1 h: 1 of 3 on the clock, 3 of 3 in business hours.
 * </pre>
 */
class ResponsivenessEndToEndTest {
    private static final String TOKEN = "responsiveness-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOURS_YAML = "    hours: { zone: UTC, weekly: { mon: '09:00-17:00', tue: '09:00-17:00', "
            + "wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' } }\n";

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    @Test
    void theApiTheCliAndTheDashboardShowTheSameHandComputedFigures() throws Exception {
        Answering answering = new Answering(Optional.of(ResponsivenessTest.weekdays()), Optional.of(new AutoReplies(
                Optional.of(new OutboundMessage.Text("We are closed; we answer from 09:00.", false)), Optional.empty(),
                List.of(), Duration.ofHours(12))), Duration.ofHours(1));
        HostFixture.Options options = HostFixture.in(dir).answering(answering);
        options.storeRoutes((app, db) -> {
            StoreAdminQueries queries = StoreAdminQueries.over(db, HostFixture.goldenPricing(), Duration.ofHours(2),
                    Currency.getInstance("USD"), List::of, options.clock());
            new AdminApi(queries, Optional.of(new Secret(TOKEN)), options.clock()).register(app);
            new ResponsivenessApi(new ResponsivenessService(db, options.routes(), options.clock()), options.clock())
                    .register(app);
        });
        JsonNode api;
        Instant asOf = Instant.parse("2026-09-02T10:00:00Z");
        try (HostFixture f = options.start()) {
            f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", f.clock.instant()));
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            f.awaitIdle();
            String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                    .orElseThrow());
            f.clock.set(Instant.parse("2026-09-01T10:20:00Z"));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello, how can I help?", f.clock.instant()));
            f.await("first answer", () -> f.channel.sent().size() == 1);
            f.awaitIdle();
            f.clock.set(Instant.parse("2026-09-01T23:00:00Z"));
            f.postChannel(TestChannel.messageWebhook("e2", "wamid.in-2", BUSINESS, CUSTOMER, "My parcel is late",
                    f.clock.instant()));
            f.await("away message", () -> f.channel.sent().size() == 2);
            f.awaitIdle();
            f.clock.set(Instant.parse("2026-09-01T23:30:00Z"));
            f.postChannel(TestChannel.messageWebhook("e3", "wamid.in-3", BUSINESS, CUSTOMER, "Hello?",
                    f.clock.instant()));
            f.await("stored", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'IN'") == 3);
            f.awaitIdle();
            f.clock.set(Instant.parse("2026-09-02T09:30:00Z"));
            f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "Sorry, it arrives today.", f.clock.instant()));
            f.await("morning answer", () -> f.channel.sent().size() == 3);
            f.awaitIdle();
            f.clock.set(asOf);

            api = get(f.host.localUrl() + ResponsivenessApi.PATH + "?from=2026-09-01&to=2026-09-02");
            JsonNode total = api.get("total");
            assertThat(total.get("customerMessages").asLong()).isEqualTo(3);
            assertThat(total.get("answered").asLong()).isEqualTo(3);
            assertThat(total.get("medianSeconds").asLong()).isEqualTo(36_000);
            assertThat(total.get("p90Seconds").asLong()).isEqualTo(37_800);
            assertThat(total.get("medianBusinessHoursSeconds").asLong()).isEqualTo(1_800);
            assertThat(total.get("p90BusinessHoursSeconds").asLong()).isEqualTo(1_800);
            assertThat(total.get("firstResponseSeconds").asLong()).isEqualTo(1_200);
            assertThat(total.get("shareAnsweredInWindow").asDouble()).isEqualTo(1.0);
            assertThat(total.get("shareWithinTarget").asDouble()).isEqualTo(0.3333);
            assertThat(total.get("shareWithinTargetBusinessHours").asDouble()).isEqualTo(1.0);
            assertThat(total.get("unansweredWhenWindowClosed").asLong()).isZero();
            assertThat(api.get("agents").get(0).get("key").asText()).isEqualTo("Agent Smith");
            assertThat(api.get("routes").get(0).get("key").asText())
                    .isEqualTo(HostFixture.CHANNEL + " → " + HostFixture.CRM);

            ResponsivenessMetrics.bind(f.host.meters(), new ResponsivenessService(f.host.database(), options.routes(),
                    f.clock), f.clock);
            String metrics = f.get("/metrics").body();
            assertThat(metrics)
                    .contains("deskbridge_response_seconds{hours=\"clock\",quantile=\"0.5\",route=\"wa-test\"} 36000.0")
                    .contains("deskbridge_response_seconds{hours=\"business\",quantile=\"0.9\",route=\"wa-test\"} 1800.0")
                    .contains("deskbridge_first_response_seconds{hours=\"clock\",quantile=\"0.5\",route=\"wa-test\"} 1200.0")
                    .contains("deskbridge_response_share{kind=\"within_target\",route=\"wa-test\"} 0.333")
                    .contains("deskbridge_response_answered{route=\"wa-test\"} 3.0")
                    .contains("deskbridge_response_unanswered_window_closed{route=\"wa-test\"} 0.0");

            dashboard(f.host.localUrl(), get(f.host.localUrl() + ResponsivenessApi.PATH).get("total"));
        }

        // The CLI over the same database (the host closed, so the H2 file is free), with the route's hours.
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        Path config = Files.writeString(dir.resolve("deskbridge.yaml"), "database: { url: '" + url + "' }\n"
                + "routes:\n  - channel: " + HostFixture.CHANNEL + "\n    crm: " + HostFixture.CRM + "\n" + HOURS_YAML);
        CliEnvironment env = new CliEnvironment(EnvLookup.of(Map.of()), dir, getClass().getClassLoader(),
                Clock.fixed(asOf, ZoneOffset.UTC));
        CliRun json = CliRun.run(env, "stats", "--config", config.toString(), "--from", "2026-09-01", "--to",
                "2026-09-02", "--format", "json");
        assertThat(json.exit()).as(json.all()).isZero();
        assertThat(JSON.readTree(json.out())).isEqualTo(api);
        CliRun table = CliRun.run(env, "stats", "--config", config.toString(), "--from", "2026-09-01", "--to",
                "2026-09-02", "--by", "agent");
        assertThat(table.exit()).as(table.all()).isZero();
        assertThat(table.out()).contains("Agent Smith").contains("10h 00m").contains("10h 30m").contains("30m 00s")
                .contains("20m 00s").contains("33%");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The dashboard's panel shows the API's figures (its default, the last 30 days, holds the same messages). */
    private void dashboard(String base, JsonNode total) {
        HeadlessChromium.require();
        WebDriver driver = HeadlessChromium.start(profile, "1440,1400");
        try {
            driver.get(base + "/#token=" + TOKEN);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(d -> !d.findElements(By.cssSelector("[data-figure=median]")).isEmpty());
            assertThat(raw(driver, "median")).isEqualTo(total.get("medianSeconds").asText()).isEqualTo("36000");
            assertThat(raw(driver, "p90")).isEqualTo(total.get("p90Seconds").asText());
            assertThat(raw(driver, "first-response")).isEqualTo(total.get("firstResponseSeconds").asText());
            assertThat(Double.parseDouble(raw(driver, "in-window"))).isEqualTo(total.get("shareAnsweredInWindow")
                    .asDouble());
            assertThat(Double.parseDouble(raw(driver, "within-target"))).isEqualTo(total.get("shareWithinTarget")
                    .asDouble());
            assertThat(raw(driver, "unanswered")).isEqualTo("0");
            assertThat(text(driver, "median")).contains("10h 00m").contains("30m 00s in business hours");
            assertThat(text(driver, "within-target")).contains("33%").contains("100% in business hours");
            assertThat(driver.findElement(By.cssSelector("#responsiveness-chart g[data-day='2026-09-01']"))
                    .getAttribute("data-median")).isEqualTo("36000");
        } finally {
            driver.quit();
        }
    }

    private static String raw(WebDriver driver, String figure) {
        return driver.findElement(By.cssSelector("[data-figure=" + figure + "]")).getAttribute("data-raw");
    }

    private static String text(WebDriver driver, String figure) {
        return driver.findElement(By.cssSelector("[data-figure=" + figure + "]")).getText();
    }
}
