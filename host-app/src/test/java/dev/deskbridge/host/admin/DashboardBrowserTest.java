package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.admin.responsiveness.ResponsivenessService;
import dev.deskbridge.host.channel.whatsapp.MetaQrStub;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.http.admin.AdminApi;
import dev.deskbridge.host.http.admin.LinksApi;
import dev.deskbridge.host.http.admin.ResponsivenessApi;
import dev.deskbridge.host.links.ChatLink;
import dev.deskbridge.host.links.ChatLinks;
import dev.deskbridge.host.links.LinkChannel;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.Databases;
import dev.deskbridge.host.testing.HeadlessChromium;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the dashboard in real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) against the admin API with a demo-like day, and saves screenshots to
 * {@code target/screenshots/}. Skipped where Chromium is not installed, except on CI (env {@code CI}),
 * where it must run.
 */
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path profile;
    @TempDir
    Path data;

    private InMemoryAdminQueries queries;
    private Database db;
    private MetaStub meta;
    private ChatLink poster;
    private ChatLink footer;
    private Javalin app;
    private WebDriver driver;
    private String base;

    @BeforeEach
    void start() {
        HeadlessChromium.require();
        queries = DemoData.queries();
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new AdminApi(queries, Optional.of(new Secret(AdminApiTest.TOKEN)), Clock.fixed(DemoData.NOW, ZoneOffset.UTC))
                .register(app);
        new ResponsivenessApi(new ResponsivenessService((from, to) -> List.of(), Map.of(),
                Clock.fixed(DemoData.NOW, ZoneOffset.UTC)), Clock.fixed(DemoData.NOW, ZoneOffset.UTC)).register(app);
        // Two links: one with Meta's QR code (Meta is a stub on loopback), one wa.me only.
        db = Database.open(Databases.fresh(Databases.Kind.H2, data), 2);
        meta = MetaStub.start();
        MetaQrStub.accept(meta.server());
        ChatLinks links = new ChatLinks(db, List.of(new LinkChannel("wa-main", "whatsapp-cloud",
                Optional.of(PhoneNumber.of(MetaQrStub.business())), Optional.of(MetaQrStub.qrCodes(meta)))),
                Clock.fixed(DemoData.NOW, ZoneOffset.UTC));
        poster = links.create("wa-main", "Spring poster", "poster", "Hi, I saw your spring poster", true);
        footer = links.create("wa-main", "Website footer", "website", "Hello! A question about my order", false);
        new LinksApi(links, "https://bridge.example.com").register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();

        driver = HeadlessChromium.start(profile, "1440,1000");
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.stop();
        }
        if (meta != null) {
            meta.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void anOperatorSeesTheDayFollowsAConversationAndReplaysADeadLetter() throws IOException {
        driver.get(base + "/#token=" + AdminApiTest.TOKEN);
        WebDriverWait wait = new WebDriverWait(driver, WAIT);

        // Conversations, closing soonest first, with a live countdown.
        wait.until(d -> d.findElements(By.cssSelector("#conversations tbody tr")).size() == 8);
        assertThat(driver.getCurrentUrl()).as("the token leaves the address bar").doesNotContain(AdminApiTest.TOKEN);
        List<WebElement> rows = driver.findElements(By.cssSelector("#conversations tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-id"))
                .containsExactly("c-eva", "c-chloe", "c-farid", "c-bruno", "c-gus", "c-ana", "c-dev", "c-past");
        WebElement eva = rows.get(0);
        assertThat(eva.getText()).contains("+491******6789").contains("Closing").contains("#1046");
        wait.until(d -> eva.findElement(By.cssSelector(".countdown")).getText().matches("1h (09|10)m left"));
        assertThat(rows.get(6).getText()).contains("Closed");

        // KPIs and the closing-soonest list.
        wait.until(ExpectedConditions.textToBe(By.id("kpi-open"), "6"));
        assertThat(driver.findElement(By.id("kpi-closing")).getText()).isEqualTo("2");
        assertThat(driver.findElement(By.id("kpi-dead")).getText()).isEqualTo("2");
        assertThat(driver.findElement(By.id("kpi-saved")).getText()).startsWith("$");
        assertThat(driver.findElements(By.cssSelector("#closing-soon li"))).hasSize(5)
                .first().extracting(li -> li.getAttribute("data-id")).isEqualTo("c-eva");

        // Charts: one group of bars per day so far, markets and categories.
        assertThat(driver.findElements(By.cssSelector("#chart-day svg g[data-day]"))).hasSize(15);
        assertThat(driver.findElements(By.cssSelector("#chart-day svg rect.bar")).stream()
                .filter(r -> Double.parseDouble(r.getAttribute("height")) > 0)).isNotEmpty();
        assertThat(driver.findElement(By.cssSelector("#chart-market svg")).getText()).contains("DE").contains("US");
        assertThat(driver.findElement(By.id("chart-category")).getText()).contains("marketing").contains("utility");

        // Plugins and dead letters.
        assertThat(driver.findElement(By.cssSelector("[data-plugin='acme-crm']")).getText())
                .contains("refused").contains("plugins.trusted");
        assertThat(driver.findElements(By.cssSelector("#dead-letters tbody tr"))).hasSize(2);

        saveScreenshot("dashboard.png");

        // Follow a conversation: the re-engagement story of Bruno.
        driver.findElement(By.cssSelector("#conversations tbody tr[data-id='c-bruno']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#timeline li.msg")).size() == 4);
        assertThat(driver.findElement(By.id("view-home")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("conversation-customer")).getText()).isEqualTo("+551******4321");
        WebElement template = driver.findElement(By.cssSelector("#timeline li[data-message='m-bruno-2']"));
        assertThat(template.getText()).contains("reengage_v1").contains("$0.0068 settled");
        WebElement held = driver.findElement(By.cssSelector("#timeline li[data-message='m-bruno-3']"));
        assertThat(held.getText()).contains("held").contains("free").contains("re-engagement template sent");
        saveScreenshot("conversation.png");

        // Back, and replay a dead letter from the table.
        driver.findElement(By.cssSelector("#view-conversation a.back")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-home")));
        driver.findElement(By.cssSelector("button[data-replay='dl-7']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#dead-letters tbody tr")).size() == 1);
        assertThat(queries.replayed()).containsExactly("dl-7");

        // The page loads nothing from elsewhere and breaks no rule of its Content-Security-Policy.
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertThat(problems).isEmpty();
        List<?> foreign = (List<?>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => !n.startsWith(location.origin));");
        assertThat(foreign).isEmpty();
    }

    @Test
    void aWrongTokenLeadsBackToSignInAndTheRightOneOpensTheDashboard() {
        driver.get(base + "/#token=not-the-admin-token-at-all");
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
        assertThat(driver.findElement(By.id("signin-error")).getText()).contains("not accepted");
        assertThat(driver.findElement(By.id("view-home")).isDisplayed()).isFalse();

        driver.findElement(By.id("token-input")).sendKeys(AdminApiTest.TOKEN);
        driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#conversations tbody tr")).size() == 8);
        assertThat(((JavascriptExecutor) driver).executeScript("return document.cookie")).isEqualTo("");
    }

    @Test
    void anOperatorSeesTheLinksAndDownloadsAQrCodeWithTheTokenInAHeaderOnly() throws Exception {
        driver.get(base + "/#token=" + AdminApiTest.TOKEN);
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> d.findElements(By.cssSelector("#links-table tbody tr")).size() == 2);

        WebElement row = driver.findElement(By.cssSelector("#links-table tr[data-code='" + poster.code() + "']"));
        assertThat(row.getText()).contains("Spring poster").contains("poster").contains(poster.code())
                .contains("https://wa.me/" + PhoneNumber.of(MetaQrStub.business()).digits() + "?text=");
        assertThat(row.findElement(By.cssSelector("a")).getAttribute("href")).isEqualTo(poster.waMeUrl());
        WebElement other = driver.findElement(By.cssSelector("#links-table tr[data-code='" + footer.code() + "']"));
        assertThat(other.getText()).contains("Website footer").contains("no QR code");
        assertThat(other.findElements(By.cssSelector("button[data-qr]"))).isEmpty();

        // Record what the page hands to the download anchor: the blob's bytes and the anchor's address.
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("""
                window.__saved = [];
                const create = URL.createObjectURL;
                URL.createObjectURL = (blob) => { const url = create(blob);
                  blob.arrayBuffer().then((b) => window.__saved.push({ url, type: blob.type,
                    bytes: Array.from(new Uint8Array(b)) })); return url; };
                HTMLAnchorElement.prototype.click = function () {
                  window.__anchor = { href: this.href, download: this.download }; };""");
        row.findElement(By.cssSelector("button[data-qr='png']")).click();
        wait.until(d -> "png".equals(row.getAttribute("data-downloaded")));
        wait.until(d -> ((Number) js.executeScript("return window.__saved.length")).intValue() == 1);

        assertThat(row.getAttribute("data-downloaded-bytes")).isEqualTo(String.valueOf(MetaQrStub.png().length));
        assertThat(row.getAttribute("data-downloaded-type")).isEqualTo("image/png");
        List<?> bytes = (List<?>) js.executeScript("return window.__saved[0].bytes");
        byte[] saved = new byte[bytes.size()];
        for (int i = 0; i < saved.length; i++) {
            saved[i] = (byte) ((Number) bytes.get(i)).intValue();
        }
        assertThat(saved).as("the bytes Meta's image had").isEqualTo(MetaQrStub.png());
        @SuppressWarnings("unchecked")
        Map<String, Object> anchor = (Map<String, Object>) js.executeScript("return window.__anchor");
        assertThat(anchor.get("download")).isEqualTo("whatsapp-" + poster.code() + ".png");
        assertThat((String) anchor.get("href")).startsWith("blob:" + base).doesNotContain(AdminApiTest.TOKEN);
        assertThat(driver.findElement(By.id("links-caption")).getText()).contains("whatsapp-" + poster.code() + ".png");
        saveScreenshot("links.png");

        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertThat(problems).isEmpty();
    }


    private void saveScreenshot(String name) throws IOException {
        // Grow the window to the page so the whole page is in the picture.
        Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(1440, Math.min(4000, height.intValue() + 140)));
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/screenshots");
        Files.createDirectories(dir);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(1440, 1000));
    }
}
