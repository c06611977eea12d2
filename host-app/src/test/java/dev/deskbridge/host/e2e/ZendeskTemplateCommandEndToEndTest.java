package dev.deskbridge.host.e2e;

import static dev.deskbridge.host.e2e.WhatsAppTraffic.BUSINESS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.HostProbe;
import java.io.IOException;
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
 * Issue 14, a template from a Zendesk ticket with the real host and the built Zendesk plugin: the
 * agent's {@code #template} comment (the macro's skeleton, filled in) goes out with its quote noted
 * first; every command that cannot go (unreadable, unknown template, bad language, a parameter
 * missing or extra, not approved, beyond the budget, opted out) is answered by one internal note
 * with its reason code and the part at fault, nothing is sent for it and nothing is a dead letter.
 */
class ZendeskTemplateCommandEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    /** A US number: utility 0.0040 USD outside the service window on the golden rate card. */
    private static final PhoneNumber CUSTOMER = PhoneNumber.of("+12015550123");

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private WhatsAppTraffic whatsapp;
    private ZendeskStandIn zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        whatsapp = new WhatsAppTraffic();
        zendesk = new ZendeskStandIn();
        // One utility template fits the month's budget, a second does not.
        String config = zendesk.hostConfig(whatsapp) + "    monthly_budget: { amount: \"0.0050\", currency: USD }\n";
        host = zendesk.startHost(home, whatsapp, config, clock);
        probe = host.probe();
        new TemplateCatalogue(host.database()).replace("wa-main", List.of(
                template("order_update", TemplateStatus.APPROVED, TemplateCategory.UTILITY, "first_name", "order"),
                template("reengage_v1", TemplateStatus.APPROVED, TemplateCategory.UTILITY),
                template("winter_sale", TemplateStatus.PAUSED, TemplateCategory.MARKETING),
                template("new_offer", TemplateStatus.PENDING, TemplateCategory.MARKETING),
                template("spring_offer", TemplateStatus.APPROVED, TemplateCategory.MARKETING)), T0);
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, whatsapp, zendesk);
    }

    @Test
    void aValidCommandGoesOutQuotedAndEveryBadOneIsAnsweredOnTheTicketWithItsReason() {
        whatsapp.customerWrites(CUSTOMER, 0, "Hello, where is my order?", T0);
        Conversation conversation = whatsapp.awaitTicket(CUSTOMER);
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        clock.set(T0.plus(Duration.ofHours(30))); // the service window closed: templates are billed

        // The macro's skeleton, filled in: quoted on the ticket, then sent.
        agentWrites(ticket, conversation, "#template order_update en_US\nfirst_name=Ana\norder=A-1042");
        probe.await("the template sent", () -> templateSends().size() == 1);
        assertThat(notes(ticket)).as("the quote is on the ticket as soon as the send is").singleElement()
                .satisfies(n -> assertThat(n).contains("order_update", "utility", "0.0040 USD"));
        JsonNode sent = templateSends().get(0);
        assertThat(sent.path("template").path("name").asText()).isEqualTo("order_update");
        assertThat(sent.path("template").toString()).contains("Ana", "A-1042");

        assertRefusedWithNote(ticket, conversation, "#template order_update en_US\nfirst_name=Ana",
                "parameter_missing", "body.order");
        assertRefusedWithNote(ticket, conversation, "#template order_update en_US\nfirst_name=Ana\norder=A\ncoupon=X",
                "parameter_unexpected", "body.coupon");
        assertRefusedWithNote(ticket, conversation, "#template order_updat en_US\nfirst_name=Ana\norder=A",
                "template_not_found", "order_updat");
        assertRefusedWithNote(ticket, conversation, "#template order_update english\nfirst_name=Ana\norder=A",
                "template_not_found", "english", "(it has: en_US)");
        assertRefusedWithNote(ticket, conversation, "#template winter_sale en_US", "template_paused", "winter_sale");
        assertRefusedWithNote(ticket, conversation, "#template new_offer en_US", "template_not_approved", "pending");
        assertRefusedWithNote(ticket, conversation, "#template order_update en_US\nheader.gif=https://x.example/a.gif",
                "template_command_invalid", "line 2", "header.gif");
        assertRefusedWithNote(ticket, conversation, "#template\nfirst_name=Ana", "template_command_invalid",
                "line 1");
        assertRefusedWithNote(ticket, conversation, "#template order_update en_US\nfirst_name=Bo\norder=B-7",
                "budget_exhausted", "order_update");

        // The customer opts out of marketing; a marketing template for them is refused and said so.
        whatsapp.customerWrites(CUSTOMER, 1, "STOP", clock.instant().minusSeconds(1));
        whatsapp.awaitCustomerMessagesHandled(2);
        assertRefusedWithNote(ticket, conversation, "#template spring_offer en_US", "opted_out", "spring_offer");

        assertThat(templateSends()).as("only the valid command sent a template").hasSize(1);
        assertThat(zendesk.comments(ticket)).filteredOn(c -> c.isPublic() && c.author() != ZendeskStandIn.AGENT)
                .as("no command's text went anywhere as a customer's comment").extracting(ZendeskStandIn.Comment::body)
                .noneMatch(b -> b.contains("#template"));
        assertThat(whatsapp.sends()).extracting(s -> s.path("text").path("body").asText(""))
                .noneMatch(t -> t.contains("#template"));
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).as("nothing lost in the dead letters").isZero();
    }

    /** An agent's public comment, and the trigger's signed webhook for it. */
    private void agentWrites(long ticket, Conversation conversation, String body) {
        long comment = zendesk.agentComment(ticket, body);
        assertThat(ZendeskStandIn.postWebhook(probe, clock.instant(), ZendeskStandIn.webhookBody(ticket, comment,
                conversation)).statusCode()).isEqualTo(200);
    }

    private void assertRefusedWithNote(long ticket, Conversation conversation, String command, String code,
            String... naming) {
        int before = notes(ticket).size();
        int sends = templateSends().size();
        agentWrites(ticket, conversation, command);
        probe.await("a note for '" + command + "'", () -> notes(ticket).size() > before
                && probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);
        List<String> added = notes(ticket).subList(before, notes(ticket).size());
        assertThat(added).as("one note for '%s'", command).singleElement().satisfies(n -> assertThat(n)
                .contains("[" + code + "]").contains(naming).contains("not sent"));
        assertThat(templateSends()).as("nothing sent for '%s'", command).hasSize(sends);
    }

    /** DeskBridge's internal notes about templates agents asked for (quotes and refusals), oldest first. */
    private List<String> notes(long ticket) {
        return zendesk.comments(ticket).stream().filter(c -> !c.isPublic())
                .map(ZendeskStandIn.Comment::body)
                .filter(b -> b.contains("Sending template") || b.contains("not sent"))
                .toList();
    }

    private List<JsonNode> templateSends() {
        return whatsapp.sends().stream().filter(s -> s.path("type").asText().equals("template")).toList();
    }

    private static TemplateDefinition template(String name, TemplateStatus status, TemplateCategory category,
            String... parameters) {
        return new TemplateDefinition("90" + Math.abs(name.hashCode()), name, name, "en_US", status,
                Optional.of(category), ParameterFormat.NAMED, "Hello", List.of(parameters), Optional.empty(),
                List.of(), List.of(), "[]");
    }
}
