package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.Money;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's template from the ticket (the SPI's {@code AgentReply.template}): checked against the
 * catalogue, quoted, noted on the ticket before it is queued when billable, budgeted, sent.
 */
class AgentTemplateEndToEndTest {
    @TempDir
    Path dir;

    private static HostFixture.Options withCatalogue(HostFixture.Options options) {
        try (Database db = Database.open(options.database(), 2)) {
            new TemplateCatalogue(db).replace(HostFixture.CHANNEL, List.of(new TemplateDefinition("901",
                    "order_update", "order_update", "en_US", TemplateStatus.APPROVED,
                    Optional.of(TemplateCategory.UTILITY), ParameterFormat.NAMED, "Hi {{first_name}}, {{order}} ships.",
                    List.of("first_name", "order"), Optional.empty(), List.of(), List.of(), "[]"),
                    new TemplateDefinition("902", "reengage_v1", "reengage_v1", "en_US", TemplateStatus.APPROVED,
                            Optional.of(TemplateCategory.UTILITY), ParameterFormat.POSITIONAL, "Hello again", List.of(),
                            Optional.empty(), List.of(), List.of(), "[]")),
                    Instant.parse("2026-09-01T09:00:00Z"));
        }
        return options;
    }

    private static String ticketThenWindowCloses(HostFixture f) {
        f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", HostFixture.START));
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        f.clock.advance(Duration.ofHours(30));
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void anAgentsTemplateGoesOutWithItsQuoteNotedOnTheTicketFirst() {
        try (HostFixture f = withCatalogue(HostFixture.in(dir)).start()) {
            String ticket = ticketThenWindowCloses(f);

            f.postCrm(HttpJsonCrm.templateWebhook("r1", ticket, "order_update", "en_US",
                    Map.of("first_name", "Ana", "order", "A-1042"), f.clock.instant()));
            f.await("template sent", () -> f.channel.sent().size() == 1);

            // The note is written before the send is queued: it is there as soon as the send is.
            assertThat(f.notes("TEMPLATE_QUOTED")).hasSize(1);
            assertThat(f.notes("TEMPLATE_QUOTED").get(0).getBodyAsString()).contains("order_update")
                    .contains("utility").contains("0.0040 USD");
            OutboundMessage.Template sent = (OutboundMessage.Template) f.channel.sent().get(0).message();
            assertThat(sent.namedBodyParameters()).containsEntry("first_name", "Ana").containsEntry("order", "A-1042");
            assertThat(sent.category()).isEqualTo(TemplateCategory.UTILITY);
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger")).isEqualTo(1);

            f.postCrm(HttpJsonCrm.templateWebhook("r1", ticket, "order_update", "en_US",
                    Map.of("first_name", "Ana", "order", "A-1042"), f.clock.instant()));
            f.awaitIdle();
            assertThat(f.channel.sent()).as("the same comment again sends once").hasSize(1);
            assertThat(f.notes("TEMPLATE_QUOTED")).hasSize(1);
        }
    }

    @Test
    void aParameterAtFaultIsToldOnTheTicketAndNothingIsSent() {
        try (HostFixture f = withCatalogue(HostFixture.in(dir)).start()) {
            String ticket = ticketThenWindowCloses(f);

            f.postCrm(HttpJsonCrm.templateWebhook("r1", ticket, "order_update", "en_US", Map.of("first_name", "Ana"),
                    f.clock.instant()));

            f.await("refusal noted", () -> f.notes("TEMPLATE_REFUSED").size() == 1);
            assertThat(f.notes("TEMPLATE_REFUSED").get(0).getBodyAsString()).contains("body.order")
                    .contains("parameter_missing");
            f.awaitIdle();
            assertThat(f.channel.sent()).isEmpty();
            assertThat(f.notes("TEMPLATE_QUOTED")).isEmpty();
        }
    }

    @Test
    void aTemplateBeyondTheBudgetIsRefusedBeforeAnyNoteOfItsPrice() {
        try (HostFixture f = withCatalogue(HostFixture.in(dir)).budget(Money.of("0.0010", "USD")).start()) {
            String ticket = ticketThenWindowCloses(f);

            f.postCrm(HttpJsonCrm.templateWebhook("r1", ticket, "order_update", "en_US",
                    Map.of("first_name", "Ana", "order", "A-1042"), f.clock.instant()));

            f.await("budget refusal", () -> f.notes("REPLY_REFUSED_BUDGET").size() == 1);
            f.awaitIdle();
            assertThat(f.channel.sent()).isEmpty();
            assertThat(f.notes("TEMPLATE_QUOTED")).isEmpty();
        }
    }
}
