package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.config.ConsentConfig;
import dev.deskbridge.host.consent.OptOut;
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

/** STOP (and a route's own words) opt a customer out of marketing templates: told once, utility still goes. */
class ConsentEndToEndTest {
    @TempDir
    Path dir;

    private static HostFixture.Options marketingCatalogue(HostFixture.Options options) {
        try (Database db = Database.open(options.database(), 2)) {
            new TemplateCatalogue(db).replace(HostFixture.CHANNEL, List.of(new TemplateDefinition("777", "reengage_v1",
                    "reengage_v1", "en_US", TemplateStatus.APPROVED, Optional.of(TemplateCategory.MARKETING),
                    ParameterFormat.POSITIONAL, "New offers for you!", List.of(), Optional.empty(), List.of(), List.of(),
                    "[]")), Instant.parse("2026-09-01T09:00:00Z"));
        }
        return options;
    }

    private static String customerWrites(HostFixture f, String id, String text, Instant at) {
        f.postChannel(TestChannel.messageWebhook(id, "wamid." + id, BUSINESS, CUSTOMER, text, at));
        f.await("stored " + id, () -> f.count("SELECT COUNT(*) FROM messages WHERE provider_message_id = ?",
                "wamid." + id) == 1);
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void stopOptsOutOnceThenAMarketingTemplateIsRefusedAndAUtilityOneIsNot() {
        try (HostFixture f = marketingCatalogue(HostFixture.in(dir)).start()) {
            String ticket = customerWrites(f, "in-1", "Hi", HostFixture.START);
            customerWrites(f, "in-2", "stop", HostFixture.START.plusSeconds(60));

            f.await("confirmation sent", () -> f.channel.sent().size() == 1);
            assertThat(((OutboundMessage.Text) f.channel.sent().get(0).message()).body())
                    .isEqualTo(ConsentConfig.DEFAULT_CONFIRMATION);
            f.await("agents told", () -> f.notes("OPTED_OUT").size() == 1);
            assertThat(f.notes("OPTED_OUT").get(0).getBodyAsString()).contains("wrote STOP");
            OptOut o = f.host.engine().context().consent().list(Optional.empty()).get(0);
            assertThat(o.customer()).isEqualTo(PhoneNumber.of(CUSTOMER));
            assertThat(o.optedOutAt()).isEqualTo(HostFixture.START.plusSeconds(60));
            assertThat(o.keyword()).contains("STOP");
            assertThat(o.toldAt()).isPresent();

            customerWrites(f, "in-3", "STOP!", HostFixture.START.plusSeconds(120));
            f.awaitIdle();
            assertThat(f.channel.sent()).as("told once").hasSize(1);
            assertThat(f.host.engine().context().consent().list(Optional.empty())).hasSize(1);

            // The window closes; the route's re-engagement template is marketing now: refused.
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Any news?", f.clock.instant()));
            f.await("refused", () -> f.notes("TEMPLATE_REFUSED").size() == 1);
            assertThat(f.notes("TEMPLATE_REFUSED").get(0).getBodyAsString()).contains("marketing template")
                    .contains("opted out");
            f.awaitIdle();
            assertThat(f.channel.sent()).hasSize(1);

            // Meta makes it utility again: it goes to the opted-out customer.
            TemplateCatalogue catalogue = f.host.engine().context().templates();
            f.sql(c -> catalogue.apply(c, HostFixture.CHANNEL, new TemplateUpdate("cat-1", "777", "reengage_v1", "en_US",
                    Optional.empty(), Optional.of(TemplateCategory.UTILITY), Optional.empty(), Optional.empty(),
                    f.clock.instant())));
            f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "Your order shipped", f.clock.instant()));
            f.await("utility template sent", () -> f.channel.sent().size() == 2);
            assertThat(f.channel.sent().get(1).message()).isInstanceOf(OutboundMessage.Template.class);
        }
    }

    @Test
    void aRoutesOwnWordOptsOutAndIsAnsweredInItsLanguage() {
        ConsentConfig words = new ConsentConfig(Map.of("es", List.of("BAJA")),
                Map.of("es", "No recibirás más ofertas por WhatsApp."));
        try (HostFixture f = HostFixture.in(dir).optOut(words).start()) {
            customerWrites(f, "in-1", "Baja", HostFixture.START);

            f.await("confirmation sent", () -> f.channel.sent().size() == 1);
            assertThat(((OutboundMessage.Text) f.channel.sent().get(0).message()).body())
                    .isEqualTo("No recibirás más ofertas por WhatsApp.");
            assertThat(f.host.engine().context().consent().list(Optional.empty()).get(0).keyword()).contains("BAJA");
            customerWrites(f, "in-2", "I want to stop by your shop", HostFixture.START.plusSeconds(5));
            f.awaitIdle();
            assertThat(f.channel.sent()).as("only a whole message is an opt-out").hasSize(1);
        }
    }

    @Test
    void metasPerUserMarketingLimitIsRecordedAsSuchAndNotRetried() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            String ticket = customerWrites(f, "in-1", "Hi", HostFixture.START);
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Any news?", f.clock.instant()));
            f.await("template accepted", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                    + "AND provider_message_id IS NOT NULL") == 1);
            String sentId = f.sql(c -> Jdbc.queryOne(c, "SELECT provider_message_id FROM messages WHERE direction = 'OUT'",
                    rs -> rs.getString(1)).orElseThrow());

            f.postChannel(TestChannel.statusWebhook("s1", sentId, CUSTOMER, "failed", f.clock.instant(), false, null,
                    null).replace("131026", "131049"));

            f.await("limit recorded", () -> f.count("SELECT COUNT(*) FROM marketing_limits") == 1);
            f.await("agents told", () -> f.notes("DELIVERY_FAILED").size() == 1);
            assertThat(f.notes("DELIVERY_FAILED").get(0).getBodyAsString()).contains("131049")
                    .contains("does not send it again");
            long since = f.sql(c -> f.host.engine().context().consent().marketingLimitsSince(c, HostFixture.CHANNEL,
                    PhoneNumber.of(CUSTOMER), HostFixture.START));
            assertThat(since).isEqualTo(1);
            f.awaitIdle();
            assertThat(f.channel.sent()).hasSize(1);
        }
    }
}
