package dev.deskbridge.host.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.AutoReplies;
import dev.deskbridge.host.config.answering.BusinessHours;
import dev.deskbridge.host.config.answering.KeywordRule;
import dev.deskbridge.host.runtime.BridgeHost;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meta's template webhooks through the real host (signature, inbox, worker) into the catalogue, and
 * the route's re-engagement and automatic-answer templates checked against the catalogue when the
 * host starts.
 */
class TemplateWebhookEndToEndTest {
    @TempDir
    Path dir;
    WireMockServer graph;

    @BeforeEach
    void startGraph() {
        graph = WireMockSupport.startLoopback();
    }

    @AfterEach
    void stopGraph() {
        graph.stop();
    }

    private void seed(HostFixture.Options options, TemplateStatus reengageStatus) {
        try (Database db = Database.open(options.database(), 2)) {
            new TemplateCatalogue(db).replace(HostFixture.CHANNEL, List.of(
                    Templates.positional("order_update", TemplateStatus.APPROVED, TemplateCategory.UTILITY, 2),
                    Templates.positional("reengage_v1", reengageStatus, TemplateCategory.UTILITY, 0)),
                    Instant.parse("2026-09-01T09:00:00Z"));
        }
    }

    /** Starts the host and stops it again: the problems it logged at ERROR meanwhile, as their lines read. */
    private static List<String> problemsLoggedAtStart(HostFixture.Options options) {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(BridgeHost.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (HostFixture f = options.start()) {
            assertThat(f.host.port()).as("the host started").isPositive();
        } finally {
            logger.detachAppender(logs);
        }
        return logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
    }

    static String statusWebhook(String id, String name, String event) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1756720000,
                 "changes":[{"field":"message_template_status_update","value":{"event":"%s",
                 "message_template_id":%s,"message_template_name":"%s","message_template_language":"en_US",
                 "reason":"NONE","other_info":{"title":"FIRST_PAUSE","description":"Paused for low quality"}}}]}]}
                """.formatted(event, id, name);
    }

    @Test
    void aStatusWebhookPausingATemplateMakesALaterCheckRefusedAsPaused() {
        HostFixture.Options options = HostFixture.in(dir).whatsApp(WireMockSupport.baseUrl(graph));
        seed(options, TemplateStatus.APPROVED);
        try (HostFixture f = options.start()) {
            TemplateCatalogue catalogue = f.host.engine().context().templates();
            String id = catalogue.find(HostFixture.CHANNEL, "order_update", "en_US").orElseThrow().definition()
                    .providerId();
            TemplateRequest order = TemplateRequest.of("order_update", "en_US", List.of("Ana", "A-1042"), Map.of());
            TemplateCheck check = new TemplateCheck(catalogue);
            TemplateCheckResult before = f.sql(c -> check.check(c, HostFixture.CHANNEL, order));
            assertThat(before).isInstanceOf(TemplateCheckResult.Resolved.class);

            HttpResponse<String> unsigned = f.postSigned("/webhooks/channels/" + HostFixture.CHANNEL,
                    "X-Hub-Signature-256", "sha256=00", statusWebhook(id, "order_update", "PAUSED"));
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(f.postMeta(statusWebhook(id, "order_update", "PAUSED")).statusCode()).isEqualTo(200);
            assertThat(f.postMeta(statusWebhook(id, "order_update", "PAUSED")).statusCode()).isEqualTo(200);

            Await.until("the template is paused in the catalogue", () -> catalogue.find(HostFixture.CHANNEL,
                    "order_update", "en_US").orElseThrow().status() == TemplateStatus.PAUSED);
            TemplateCheckResult later = f.sql(c -> check.check(c, HostFixture.CHANNEL, order));
            assertThat(later).isInstanceOfSatisfying(TemplateCheckResult.Refused.class, r -> {
                assertThat(r.reason().code()).isEqualTo("template_paused");
                assertThat(r.message()).contains("FIRST_PAUSE");
            });
            assertThat(f.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'TEMPLATE_UPDATE'")).isEqualTo(1);

            f.postMeta(statusWebhook(id, "order_update", "APPROVED").replace("1756720000", "1756723600"));
            Await.until("the template is approved again", () -> catalogue.find(HostFixture.CHANNEL,
                    "order_update", "en_US").orElseThrow().status() == TemplateStatus.APPROVED);
        }
    }

    @Test
    void aPausedReengagementTemplateIsLoggedWithItsPathAndTheHostStartsAnyway() {
        // Before, the host refused to start: every channel down while Meta kept one template paused.
        HostFixture.Options options = HostFixture.in(dir);
        seed(options, TemplateStatus.PAUSED);

        assertThat(problemsLoggedAtStart(options)).singleElement().asString()
                .startsWith("routes[0].reengage_template.name: ").contains("reengage_v1").contains("paused")
                .endsWith("(this route's re-engagement template is refused while it is so)");
    }

    @Test
    void aMissingReengagementTemplateIsLoggedToo_butBeforeTheFirstSyncNothingIsJudged() {
        HostFixture.Options options = HostFixture.in(dir);
        try (HostFixture f = options.start()) {
            assertThat(f.host.engine().context().templates().lastSync(HostFixture.CHANNEL)).isEmpty();
        }
        try (Database db = Database.open(options.database(), 2)) {
            new TemplateCatalogue(db).replace(HostFixture.CHANNEL, List.of(Templates.positional("order_update",
                    TemplateStatus.APPROVED, TemplateCategory.UTILITY, 2)), Instant.parse("2026-09-01T09:00:00Z"));
        }
        assertThat(problemsLoggedAtStart(options)).singleElement().asString()
                .startsWith("routes[0].reengage_template.name: ").contains("has no template 'reengage_v1' in en_US");
    }

    @Test
    void anAutomaticAnswersTemplateMissingOrNotApprovedIsLoggedAsTheReengagementTemplateIs() {
        // The away answer names a template the catalogue lacks; the keyword answer one Meta rejected.
        HostFixture.Options options = HostFixture.in(dir).answering(new Answering(Optional.of(new BusinessHours(
                ZoneId.of("UTC"), Map.of(), Set.of())), Optional.of(new AutoReplies(
                        Optional.of(OutboundMessage.Template.of("away_v1", "en_US", TemplateCategory.UTILITY, List.of())),
                        Optional.empty(), List.of(new KeywordRule(Optional.of("en"), KeywordRule.word("refund"),
                                OutboundMessage.Template.of("refund_v1", "en_US", TemplateCategory.UTILITY, List.of()))),
                        Duration.ofHours(12))), Duration.ofHours(1)));
        try (Database db = Database.open(options.database(), 2)) {
            new TemplateCatalogue(db).replace(HostFixture.CHANNEL, List.of(
                    Templates.positional("reengage_v1", TemplateStatus.APPROVED, TemplateCategory.UTILITY, 0),
                    Templates.positional("refund_v1", TemplateStatus.REJECTED, TemplateCategory.UTILITY, 0)),
                    Instant.parse("2026-09-01T09:00:00Z"));
        }

        List<String> problems = problemsLoggedAtStart(options);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("routes[0].auto_replies.away.template.name: ")
                .contains("has no template 'away_v1' in en_US").endsWith("(this automatic answer is not sent while it is so)");
        assertThat(problems.get(1)).startsWith("routes[0].auto_replies.keywords[0].reply.template.name: ")
                .contains("refund_v1").contains("rejected").contains("only an approved template can be sent");
    }
}
