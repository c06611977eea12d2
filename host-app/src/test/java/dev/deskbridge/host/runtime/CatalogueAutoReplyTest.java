package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.AutoReplies;
import dev.deskbridge.host.config.answering.KeywordRule;
import dev.deskbridge.host.consent.OptOut;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An automatic answer that is a template goes through the channel's catalogue as an agent's template
 * does: one Meta rejected is not sent, one Meta recategorised is quoted in its current category, and
 * a marketing one goes to no customer who opted out.
 * The real host with the built-in WhatsApp channel against a Graph API stub, signed Meta webhooks.
 */
class CatalogueAutoReplyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WELCOME_ID = "114";
    private static final String REFUND_ID = "116";

    @TempDir
    Path dir;
    MetaStub meta;

    @BeforeEach
    void startMeta() {
        meta = MetaStub.start();
        meta.acceptSendsWithUniqueIds();
    }

    @AfterEach
    void stopMeta() {
        meta.close();
    }

    /** A greeting configured as the utility template welcome_v1 (en_US). */
    private HostFixture.Options withGreetingTemplate() {
        return HostFixture.in(dir).whatsApp(meta.baseUrl()).answering(new Answering(Optional.empty(),
                Optional.of(new AutoReplies(Optional.empty(), Optional.of(OutboundMessage.Template.of("welcome_v1",
                        "en_US", TemplateCategory.UTILITY, List.of())), List.of(), Duration.ofHours(12))),
                Duration.ofHours(1)));
    }

    /** The channel's catalogue as last synced: welcome_v1 approved in {@code category}, and the route's reengage_v1. */
    private static void seed(HostFixture.Options options, TemplateCategory category) {
        try (Database db = Database.open(options.database(), 2)) {
            new TemplateCatalogue(db).replace(HostFixture.CHANNEL, List.of(
                    definition(WELCOME_ID, "welcome_v1", category, "Welcome to Acme support."),
                    definition("777", "reengage_v1", TemplateCategory.UTILITY, "We have an answer for you.")),
                    Instant.parse("2026-09-01T09:00:00Z"));
        }
    }

    private static TemplateDefinition definition(String id, String name, TemplateCategory category, String body) {
        return new TemplateDefinition(id, name, name, "en_US", TemplateStatus.APPROVED, Optional.of(category),
                ParameterFormat.POSITIONAL, body, List.of(), Optional.empty(), List.of(), List.of(), "[]");
    }

    private static String statusWebhook(String event) {
        return statusWebhook(WELCOME_ID, "welcome_v1", event, 1756720000L);
    }

    private static String statusWebhook(String id, String name, String event, long time) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":%d,
                 "changes":[{"field":"message_template_status_update","value":{"event":"%s",
                 "message_template_id":%s,"message_template_name":"%s","message_template_language":"en_US",
                 "reason":"INCORRECT_CATEGORY"}}]}]}
                """.formatted(time, event, id, name);
    }

    private List<LoggedRequest> sends() {
        return meta.server().findAll(postRequestedFor(urlPathMatching("/" + MetaStub.VERSION + "/[0-9]+/messages")));
    }

    private static void customerWrites(HostFixture f) {
        assertThat(f.postMeta(MetaWebhooks.text("wamid.IN-1", CUSTOMER, "Hello, is anyone there?",
                f.clock.instant())).statusCode()).isEqualTo(200);
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
    }

    @Test
    void aGreetingTemplateMetaRejectedIsNotSentNorLedgeredAndTheAgentsAreToldWhyOnce() {
        HostFixture.Options options = withGreetingTemplate();
        seed(options, TemplateCategory.UTILITY);
        try (HostFixture f = options.start()) {
            TemplateCatalogue catalogue = f.host.engine().context().templates();
            assertThat(f.postMeta(statusWebhook("REJECTED")).statusCode()).isEqualTo(200);
            Await.until("welcome_v1 rejected in the catalogue", () -> catalogue.find(HostFixture.CHANNEL, "welcome_v1",
                    "en_US").orElseThrow().status() == TemplateStatus.REJECTED);

            customerWrites(f);
            // Either note ends the wait: the old code's "sent" note fails below at once.
            f.await("the agents told", () -> f.notes("TEMPLATE_REFUSED").size() + f.notes("AUTO_REPLY_SENT").size() > 0);
            f.awaitIdle();
            assertThat(f.notes("AUTO_REPLY_SENT")).isEmpty();

            assertThat(f.notes("TEMPLATE_REFUSED")).singleElement().extracting(LoggedRequest::getBodyAsString)
                    .asString()
                    .contains("The automatic greeting answer was not sent")
                    .contains("welcome_v1").contains("rejected").contains("INCORRECT_CATEGORY")
                    .contains("[template_rejected]");
            assertThat(sends()).as("nothing sent to Meta").isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT'")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger WHERE direction = 'OUT'")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    @Test
    void aGreetingTemplateMetaRecategorisedIsSentAndQuotedInTheCataloguesCategory() throws Exception {
        // Configured as utility (free inside the customer's service window); Meta has made it marketing.
        HostFixture.Options options = withGreetingTemplate();
        seed(options, TemplateCategory.MARKETING);
        try (HostFixture f = options.start()) {
            customerWrites(f);
            f.await("the greeting noted", () -> f.notes("AUTO_REPLY_SENT").size() == 1);

            assertThat(sends()).singleElement().satisfies(r -> {
                JsonNode body = JSON.readTree(r.getBodyAsString());
                assertThat(body.path("template").path("name").asText()).isEqualTo("welcome_v1");
            });
            String category = f.sql(c -> Jdbc.queryOne(c, "SELECT category FROM cost_ledger WHERE direction = 'OUT'",
                    rs -> rs.getString(1)).orElseThrow());
            assertThat(category).isEqualToIgnoringCase("marketing");
            assertThat(f.notes("AUTO_REPLY_SENT").get(0).getBodyAsString()).contains("quoted");
        }
    }

    @Test
    void beforeTheCatalogueIsFirstSyncedTheGreetingTemplateGoesAsConfigured() {
        try (HostFixture f = withGreetingTemplate().start()) {
            customerWrites(f);
            f.await("the greeting noted", () -> f.notes("AUTO_REPLY_SENT").size() == 1);
            assertThat(sends()).hasSize(1);
            assertThat(f.notes("TEMPLATE_REFUSED")).isEmpty();
        }
    }

    /**
     * A keyword answer to {@code word} configured as the template {@code name} (en_US), which the
     * channel's catalogue has approved in {@code category} beside the route's reengage_v1.
     */
    private HostFixture.Options withKeywordTemplate(String word, String id, String name, TemplateCategory category) {
        HostFixture.Options options = HostFixture.in(dir).whatsApp(meta.baseUrl()).answering(new Answering(
                Optional.empty(), Optional.of(new AutoReplies(Optional.empty(), Optional.empty(), List.of(
                        new KeywordRule(Optional.of("en"), KeywordRule.word(word), OutboundMessage.Template.of(
                                name, "en_US", category, List.of()))), Duration.ofHours(12))), Duration.ofHours(1)));
        try (Database db = Database.open(options.database(), 2)) {
            new TemplateCatalogue(db).replace(HostFixture.CHANNEL, List.of(
                    definition(id, name, category, "Our answer on " + word + "."),
                    definition("777", "reengage_v1", TemplateCategory.UTILITY, "We have an answer for you.")),
                    Instant.parse("2026-09-01T09:00:00Z"));
        }
        return options;
    }

    @Test
    void aMarketingKeywordTemplateGoesToNoCustomerWhoOptedOut() {
        try (HostFixture f = withKeywordTemplate("offers", "115", "offers_v1", TemplateCategory.MARKETING).start()) {
            f.host.engine().context().consent().optOut(HostFixture.CHANNEL, PhoneNumber.of(CUSTOMER), OptOut.OPERATOR,
                    Optional.empty(), f.clock.instant());

            assertThat(f.postMeta(MetaWebhooks.text("wamid.IN-1", CUSTOMER, "Any offers this week?",
                    f.clock.instant())).statusCode()).isEqualTo(200);
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            f.awaitIdle();

            // Before: the marketing template went to the customer who had opted out.
            assertThat(sends()).as("nothing sent to Meta").isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT'")).isZero();
            assertThat(f.notes("AUTO_REPLY_SENT")).isEmpty();
            assertThat(f.notes("TEMPLATE_REFUSED")).as("the customer's choice, not the agents' to mend").isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    /** Meta's word on refund_v1, an hour after its last ({@code REJECTED}, {@code APPROVED}), as the catalogue takes it. */
    private static void refundTemplate(HostFixture f, String event, int hour) {
        assertThat(f.postMeta(statusWebhook(REFUND_ID, "refund_v1", event, 1756720000L + hour * 3600L)).statusCode())
                .isEqualTo(200);
        Await.until("refund_v1 " + event, () -> f.host.engine().context().templates().find(HostFixture.CHANNEL,
                "refund_v1", "en_US").orElseThrow().status() == TemplateStatus.valueOf(event));
    }

    /** The customer's {@code n}th message, which the refund keyword fits, taken in full. */
    private static void asksForARefund(HostFixture f, int n) {
        assertThat(f.postMeta(MetaWebhooks.text("wamid.IN-" + n, CUSTOMER, "A refund, please", f.clock.instant()))
                .statusCode()).isEqualTo(200);
        f.await("message " + n + " stored", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'IN'") == n);
        f.awaitIdle();
    }

    @Test
    void aRejectedKeywordTemplateIsToldOnceAConversationUntilItMayGoAgain() {
        try (HostFixture f = withKeywordTemplate("refund", REFUND_ID, "refund_v1", TemplateCategory.UTILITY).start()) {
            refundTemplate(f, "REJECTED", 1);
            asksForARefund(f, 1);
            asksForARefund(f, 2);
            asksForARefund(f, 3);
            // Before: one note for each of the three messages.
            assertThat(f.notes("TEMPLATE_REFUSED")).singleElement().extracting(LoggedRequest::getBodyAsString)
                    .asString().contains("The automatic keyword answer was not sent").contains("[template_rejected]");

            refundTemplate(f, "APPROVED", 2);
            asksForARefund(f, 4);
            f.await("the answer noted", () -> f.notes("AUTO_REPLY_SENT").size() == 1);

            refundTemplate(f, "REJECTED", 3);
            f.clock.advance(Duration.ofHours(13)); // past min_interval since the answer that went
            asksForARefund(f, 5);
            asksForARefund(f, 6);
            assertThat(f.notes("TEMPLATE_REFUSED")).as("told again, once, after it went").hasSize(2);
            assertThat(sends()).hasSize(1);
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }
}
