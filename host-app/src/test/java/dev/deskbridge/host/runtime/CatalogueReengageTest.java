package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's re-engagement template goes through the catalogue: its current category is quoted, a paused one is refused. */
class CatalogueReengageTest {
    @TempDir
    Path dir;

    private static HostFixture.Options withCatalogue(Path dir, TemplateCategory category) {
        HostFixture.Options options = HostFixture.in(dir);
        try (Database db = Database.open(options.database(), 2)) {
            new TemplateCatalogue(db).replace(HostFixture.CHANNEL, List.of(new TemplateDefinition("777", "reengage_v1",
                    "reengage_v1", "en_US", TemplateStatus.APPROVED, Optional.of(category), ParameterFormat.POSITIONAL,
                    "We have an answer for you.", List.of(), Optional.empty(), List.of(), List.of(), "[]")),
                    Instant.parse("2026-09-01T09:00:00Z"));
        }
        return options;
    }

    private static String ticketAfterCustomerWrites(HostFixture f) {
        f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", HostFixture.START));
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void aTemplateMetaRecategorisedIsSentAndQuotedInItsCurrentCategory() {
        // The route's configuration says utility; Meta has since made it marketing.
        try (HostFixture f = withCatalogue(dir, TemplateCategory.MARKETING).start()) {
            String ticket = ticketAfterCustomerWrites(f);
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Sorry for the wait", f.clock.instant()));
            f.await("template sent", () -> f.channel.sent().size() == 1);

            OutboundMessage.Template sent = (OutboundMessage.Template) f.channel.sent().get(0).message();
            assertThat(sent.name()).isEqualTo("reengage_v1");
            assertThat(sent.category()).isEqualTo(TemplateCategory.MARKETING);
            String category = f.sql(c -> Jdbc.queryOne(c, "SELECT category FROM cost_ledger", rs -> rs.getString(1))
                    .orElseThrow());
            assertThat(category).isEqualToIgnoringCase("marketing");
        }
    }

    @Test
    void aPausedTemplateIsNotSentAndTheAgentIsToldWhy() {
        try (HostFixture f = withCatalogue(dir, TemplateCategory.UTILITY).start()) {
            String ticket = ticketAfterCustomerWrites(f);
            TemplateCatalogue catalogue = f.host.engine().context().templates();
            f.sql(c -> catalogue.apply(c, HostFixture.CHANNEL, new TemplateUpdate("t1", "777", "reengage_v1", "en_US",
                    Optional.of(TemplateStatus.PAUSED), Optional.empty(), Optional.empty(), Optional.of("FIRST_PAUSE"),
                    f.clock.instant())));
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Sorry for the wait", f.clock.instant()));

            f.await("refusal noted", () -> f.notes("TEMPLATE_REFUSED").size() == 1);
            assertThat(f.notes("TEMPLATE_REFUSED").get(0).getBodyAsString()).contains("reengage_v1")
                    .contains("paused").contains("FIRST_PAUSE").contains("not held");
            f.awaitIdle();
            assertThat(f.channel.sent()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM held_replies")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger")).isZero();
        }
    }
}
