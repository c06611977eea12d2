package dev.deskbridge.host.http.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.links.ChatLink;
import dev.deskbridge.host.links.ChatLinks;
import dev.deskbridge.host.links.LinkChannel;
import dev.deskbridge.host.links.WidgetFacts;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.HeadlessChromium;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The website button in real headless Chromium: a sample shop page on one origin embeds the host's
 * {@code widget.js} from another with one line. The button opens the link's number with its
 * prefilled text, shows the responsiveness line and the opening hours, and the page makes no
 * request beyond its own origin and the host's (Chrome's own network log is the record).
 */
class WidgetBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");
    private static final PhoneNumber BUSINESS = PhoneNumber.of("+15550001111");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Database db;
    private Javalin host;
    private Javalin shop;
    private WebDriver driver;
    private ChatLink link;

    @BeforeEach
    void start() {
        HeadlessChromium.require();
        db = Database.open(Database.h2File(dir.resolve("db")), 2);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ChatLinks links = new ChatLinks(db, List.of(new LinkChannel("wa-main", "twilio-whatsapp", Optional.of(BUSINESS),
                Optional.empty())), clock);
        link = links.create("wa-main", "Website footer", "website", "Hello! I have a question about my order", false);
        WidgetFacts facts = (channel, now) -> new WidgetFacts.Availability(Optional.of(Duration.ofMinutes(10)),
                Optional.of(ZoneId.of("Europe/Berlin")), weekdays(), Optional.of(true));
        host = Javalin.create(c -> c.showJavalinBanner = false);
        new WidgetEndpoints(links, facts, clock).register(host);
        host.start("127.0.0.1", 0);

        String page = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Acme shop</title></head>
                <body><h1>Acme shop</h1><p>Questions about your order?</p>
                <script src="http://127.0.0.1:%d/widget.js" data-link="%s" data-responsiveness="on" data-hours="on"
                        defer></script>
                </body></html>""".formatted(host.port(), link.code());
        shop = Javalin.create(c -> c.showJavalinBanner = false);
        shop.get("/shop.html", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        shop.start("127.0.0.1", 0);

        driver = HeadlessChromium.start(dir.resolve("profile"), "1200,800", true);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        for (Javalin app : new Javalin[] {shop, host}) {
            if (app != null) {
                app.stop();
            }
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theButtonOpensTheNumberWithThePrefilledTextAndThePageTalksToNoOneElse() throws IOException {
        String shopOrigin = "http://127.0.0.1:" + shop.port();
        String hostOrigin = "http://127.0.0.1:" + host.port();
        driver.get(shopOrigin + "/shop.html");
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        WebElement button;
        try {
            button = wait.until(d -> d.findElements(By.cssSelector(".deskbridge-wa__button")).stream()
                    .findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no button; console: " + driver.manage().logs().get(LogType.BROWSER).getAll()
                    + "; requests: " + requestedUrls(shopOrigin + "/shop.html"), e);
        }

        assertThat(button.getText()).isEqualTo("Chat on WhatsApp");
        URI href = URI.create(button.getAttribute("href"));
        assertThat(href.getScheme()).isEqualTo("https");
        assertThat(href.getHost()).isEqualTo("wa.me");
        assertThat(href.getPath()).isEqualTo("/" + BUSINESS.digits());
        assertThat(href.getRawQuery()).startsWith("text=");
        assertThat(URLDecoder.decode(href.getRawQuery().substring("text=".length()), StandardCharsets.UTF_8))
                .isEqualTo("Hello! I have a question about my order (ref " + link.code() + ")");
        assertThat(button.getAttribute("target")).isEqualTo("_blank");
        assertThat(button.getAttribute("rel")).contains("noopener");
        assertThat(driver.findElement(By.cssSelector(".deskbridge-wa__responsiveness")).getText())
                .isEqualTo("Usually answers within 10 minutes");
        assertThat(driver.findElement(By.cssSelector(".deskbridge-wa__hours")).getText())
                .isEqualTo("Open Mon–Fri 09:00–17:00 (Europe/Berlin)");
        // The stylesheet came from the host and applies.
        wait.until(d -> button.getCssValue("background-color").matches("rgba?\\(37, 211, 102(, 1)?\\)"));

        List<String> requested = requestedUrls(shopOrigin + "/shop.html");
        assertThat(requested).contains(shopOrigin + "/shop.html", hostOrigin + "/widget.js", hostOrigin + "/widget.css",
                hostOrigin + "/widget/" + link.code() + ".json");
        assertThat(requested).as("every request the page made").allSatisfy(url ->
                assertThat(url.startsWith(shopOrigin + "/") || url.startsWith(hostOrigin + "/")).as(url).isTrue());
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("favicon.ico"))
                .toList();
        assertThat(problems).as("console warnings and errors").isEmpty();
    }

    /**
     * The URL of every request Chrome's network log saw the page send (the browser's own start page
     * before it, {@code chrome://new-tab-page}, is not the page's).
     */
    private List<String> requestedUrls(String page) throws IOException {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asText())
                    && message.path("params").path("documentURL").asText().equals(page)) {
                urls.add(message.path("params").path("request").path("url").asText());
            }
        }
        return urls;
    }

    private static List<WidgetFacts.OpeningHours> weekdays() {
        List<WidgetFacts.OpeningHours> hours = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.add(new WidgetFacts.OpeningHours(day, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        }
        return hours;
    }
}
