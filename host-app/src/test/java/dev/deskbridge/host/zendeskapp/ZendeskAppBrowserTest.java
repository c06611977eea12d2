package dev.deskbridge.host.zendeskapp;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.http.admin.SidebarApi;
import dev.deskbridge.host.admin.StoreAdminQueries;
import dev.deskbridge.host.admin.TicketSidebars;
import dev.deskbridge.host.costs.ConnectionUsage;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HeadlessChromium;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged Zendesk app in real headless Chromium against the real host on a manual clock: its
 * page is served from the build's zip with a stand-in ZAF client (test resource
 * {@code zendesk-app-standin/zaf-standin.js}) in place of Zendesk's SDK, which plays Zendesk's
 * secure proxy. A customer writes, an agent answers, time passes: the countdown follows the window,
 * the quote the pricing rules, the spend the ledger, and once the window has closed the route's
 * template appears with its price. Screenshots beside a stand-in ticket go to {@code target/screenshots/}.
 * Skipped where Chromium is not installed, except on CI (env {@code CI}), where it must run.
 */
class ZendeskAppBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String APP_TOKEN = "browser-app-token-0123456789abcdef";
    private static final String ZAF_SDK = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js";
    private static final String STANDIN = "/zendesk-app-standin/";
    private static final Currency USD = Currency.getInstance("USD");

    @TempDir
    Path dir;
    @TempDir
    Path profile;

    private final PricingRules pricing = HostFixture.goldenPricing();
    private HostFixture f;
    private WebDriver driver;
    private Map<String, byte[]> app;

    @BeforeEach
    void start() throws IOException {
        HeadlessChromium.require();
        app = ZendeskAppPackageTest.unzip(ZendeskAppPackageTest.ZIP_RESOURCE);
        HostFixture.Options options = HostFixture.in(dir);
        options.storeRoutes((javalin, db) -> {
            StoreAdminQueries queries = StoreAdminQueries.over(db, pricing, options.engine().warnBefore(), USD,
                    List::of, options.clock());
            new SidebarApi(new TicketSidebars(db, pricing, options.routes(), queries, USD,
                    new TemplateCatalogue(db), id -> Optional.empty()),
                    Optional.of(new Secret(APP_TOKEN)), Optional.empty(), options.clock()).register(javalin);
            serveApp(javalin);
        });
        f = options.start();

        driver = HeadlessChromium.start(profile, "1200,900");
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (f != null) {
            f.close();
        }
    }

    @Test
    void theSidebarCountsDownQuotesFromTheRulesShowsTheLedgerSpendAndOffersTheTemplateOnceClosed() throws Exception {
        // Ann writes at 10:00; the agent answers an hour later, free inside the window; delivered.
        f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Where is my order?",
                HostFixture.START));
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                .orElseThrow());
        ConversationId conversation = ConversationId.of(f.sql(c -> Jdbc.queryOne(c, "SELECT id FROM conversations",
                rs -> rs.getString(1)).orElseThrow()));
        f.clock.advance(Duration.ofHours(1));
        f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "It left our warehouse today.", f.clock.instant()));
        f.await("reply sent", () -> f.channel.sent().size() == 1);
        f.postChannel(TestChannel.statusWebhook("s1", "out-1", CUSTOMER, "delivered", f.clock.instant(), false,
                "service", "free_customer_service"));
        f.await("settled", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE status = 'SETTLED'") == 1);
        Instant closesAt = HostFixture.START.plus(Duration.ofHours(24));

        // 3 hours before the window closes.
        f.clock.set(closesAt.minus(Duration.ofHours(3)));
        driver.get(f.host.localUrl() + "/zendesk-app/assets/iframe.html?ticket=" + ticket + "&crm=" + HostFixture.CRM);
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> d.findElement(By.id("sidebar")).isDisplayed());
        assertThat(text("phase")).isEqualTo("Window open");
        assertThat(attr("countdown", "data-closes-at")).isEqualTo(closesAt.toString());
        wait.until(d -> text("countdown").matches("(2h 59m \\d\\ds|3h 00m 00s) left"));
        long left = Long.parseLong(attr("countdown", "data-left-seconds"));
        assertThat(left).as("the countdown runs from the host's clock").isBetween(3 * 3600L - 120, 3 * 3600L);
        Quote reply = rulesQuote(conversation, OutboundKind.FREEFORM, Optional.empty());
        assertThat(reply.allowed()).isTrue();
        assertThat(reply.billable()).isFalse();
        assertThat(text("reply-cost")).isEqualTo("Free");
        assertAmount(attr("reply-cost", "data-amount"), reply.price());
        assertThat(text("reply-why")).contains("customer service window");
        assertAmount(attr("spend", "data-amount"), ledgerSpend(conversation));
        assertThat(driver.findElement(By.id("templates-section")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#messages li"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("#messages li.outbound [data-status]")).getText())
                .isEqualTo("delivered");

        // The app asked through the secure proxy with the token's placeholder, never the token.
        List<?> requests = (List<?>) js("return window.__zafRequests;");
        assertThat(requests).isNotEmpty();
        Map<?, ?> first = (Map<?, ?>) requests.get(0);
        assertThat(first.get("secure")).isEqualTo(true);
        assertThat(((Map<?, ?>) first.get("headers")).get("Authorization")).isEqualTo("Bearer {{setting.token}}");
        assertThat(first.get("url").toString()).endsWith("/api/tickets/crm-test/" + ticket + "/sidebar");

        // 1 hour before: closing soon, and said so.
        f.clock.set(closesAt.minus(Duration.ofHours(1)));
        driver.findElement(By.id("refresh")).click();
        wait.until(d -> d.findElements(By.cssSelector("#warnings li[data-code='closing_soon']")).size() == 1);
        assertThat(text("phase")).isEqualTo("Closing soon");
        wait.until(d -> text("countdown").matches("(0h 59m \\d\\ds|1h 00m 00s) left"));
        screenshotBesideTicket(ticket, "zendesk-sidebar-closing.png");

        // The window has closed: free-form is refused and the route's template is offered at the rules' price.
        f.clock.set(closesAt.plus(Duration.ofHours(1)));
        driver.findElement(By.id("refresh")).click();
        wait.until(d -> "closed".equals(d.findElement(By.id("sidebar")).getAttribute("data-phase")));
        assertThat(text("reply-cost")).isEqualTo("Not allowed");
        assertThat(text("countdown")).isEmpty();
        wait.until(d -> d.findElement(By.id("templates-section")).isDisplayed());
        var template = driver.findElement(By.cssSelector("#templates li[data-template='reengage_v1']"));
        Quote templateQuote = rulesQuote(conversation, OutboundKind.TEMPLATE, Optional.of(TemplateCategory.UTILITY));
        assertThat(templateQuote.billable()).isTrue();
        assertAmount(template.findElement(By.cssSelector(".price")).getAttribute("data-amount"), templateQuote.price());
        assertThat(template.getText()).contains("utility").contains("en_US")
                .contains("$" + templateQuote.price().amount().stripTrailingZeros().toPlainString());
        assertThat(template.findElement(By.cssSelector(".command")).getText())
                .as("what an agent types to send it from the ticket")
                .startsWith("#template reengage_v1 en_US");

        // The agent answers anyway: the template goes out and is settled; the spend follows the ledger.
        f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "Are you still there?", f.clock.instant()));
        f.await("template sent", () -> f.channel.sent().size() == 2);
        f.postChannel(TestChannel.statusWebhook("s2", "out-2", CUSTOMER, "delivered", f.clock.instant(), true,
                "utility", "regular"));
        f.await("template settled", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE status = 'SETTLED'") == 2);
        Money spent = ledgerSpend(conversation);
        assertThat(spent.isZero()).isFalse();
        driver.findElement(By.id("refresh")).click();
        wait.until(d -> new BigDecimal(attr("spend", "data-amount")).compareTo(spent.amount()) == 0);
        assertThat(driver.findElements(By.cssSelector("#messages li [data-status='held']"))).hasSize(1);
        screenshotBesideTicket(ticket, "zendesk-sidebar-closed.png");

        // Nothing came from elsewhere and the page logged no problem.
        driver.get(f.host.localUrl() + "/zendesk-app/assets/iframe.html?ticket=" + ticket + "&crm=" + HostFixture.CRM);
        wait.until(d -> d.findElement(By.id("sidebar")).isDisplayed());
        List<?> foreign = (List<?>) js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => !n.startsWith(location.origin));");
        assertThat(foreign).isEmpty();
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                // The top-level page's favicon: the test's host serves none; Zendesk's iframe asks for none.
                .filter(m -> !m.contains("/favicon.ico"))
                .toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void aTicketWithoutAConversationSaysSo() {
        driver.get(f.host.localUrl() + "/zendesk-app/assets/iframe.html?ticket=4242&crm=" + HostFixture.CRM);
        new WebDriverWait(driver, WAIT).until(d -> text("status").contains("No WhatsApp conversation"));
        assertThat(driver.findElement(By.id("sidebar")).isDisplayed()).isFalse();
    }

    // --- the page, served from the packaged zip with the stand-in in place of Zendesk's SDK

    private void serveApp(Javalin javalin) {
        javalin.get("/zendesk-app/<file>", ctx -> {
            byte[] body = app.get(ctx.pathParam("file"));
            if (body == null) {
                ctx.status(404);
                return;
            }
            if (ctx.pathParam("file").equals("assets/iframe.html")) {
                String page = new String(body, StandardCharsets.UTF_8);
                assertThat(page).contains(ZAF_SDK);
                body = page.replace(ZAF_SDK, STANDIN + "zaf-standin.js").getBytes(StandardCharsets.UTF_8);
            }
            send(ctx, ctx.pathParam("file"), body);
        });
        javalin.get(STANDIN + "{file}", ctx -> {
            try (InputStream in = getClass().getResourceAsStream(STANDIN + ctx.pathParam("file"))) {
                if (in == null) {
                    ctx.status(404);
                    return;
                }
                byte[] body = in.readAllBytes();
                if (ctx.pathParam("file").equals("zaf-standin.js")) {
                    // The stand-in proxy knows the token, as Zendesk's servers do; the app never does.
                    body = new String(body, StandardCharsets.UTF_8).replace("__APP_TOKEN__", APP_TOKEN)
                            .getBytes(StandardCharsets.UTF_8);
                }
                send(ctx, ctx.pathParam("file"), body);
            }
        });
    }

    private static void send(Context ctx, String file, byte[] body) {
        String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                : file.endsWith(".js") ? "text/javascript; charset=utf-8"
                : file.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
        ctx.contentType(type).result(body);
    }

    // --- helpers

    private Quote rulesQuote(ConversationId id, OutboundKind kind, Optional<TemplateCategory> category) {
        Instant now = f.clock.instant();
        return f.sql(c -> {
            var conversation = new ConversationStore().findById(c, id, false).orElseThrow();
            return pricing.quote(new QuoteRequest(conversation.window(), kind, category, now, conversation.business(),
                    conversation.customer(), new ConnectionUsage(c)));
        });
    }

    private Money ledgerSpend(ConversationId id) {
        return f.sql(c -> LedgerQueries.conversationCost(c, id, USD));
    }

    private static void assertAmount(String shown, Money expected) {
        assertThat(new BigDecimal(shown)).isEqualByComparingTo(expected.amount());
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String attr(String id, String name) {
        return driver.findElement(By.id(id)).getAttribute(name);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The app in a stand-in agent workspace's sidebar, beside the ticket; saved to target/screenshots/. */
    private void screenshotBesideTicket(String ticket, String name) throws IOException {
        String appUrl = driver.getCurrentUrl();
        driver.get(f.host.localUrl() + STANDIN + "ticket.html?ticket=" + ticket + "&crm=" + HostFixture.CRM);
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        driver.switchTo().frame("app");
        wait.until(d -> d.findElement(By.id("sidebar")).isDisplayed());
        driver.switchTo().defaultContent();
        Path out = Path.of(System.getProperty("basedir", ".")).resolve("target/screenshots");
        Files.createDirectories(out);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        driver.get(appUrl);
        wait.until(d -> d.findElement(By.id("sidebar")).isDisplayed());
    }
}
