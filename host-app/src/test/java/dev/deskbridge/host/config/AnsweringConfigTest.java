package dev.deskbridge.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.AutoReplies;
import dev.deskbridge.host.config.answering.BusinessHours;
import dev.deskbridge.host.config.answering.OpeningSpan;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route's hours, auto_replies and response_target: read into records, or every problem by its path. */
class AnsweringConfigTest {
    private static final String HEAD = String.join("\n",
            "host: { public_base_url: 'https://b.example.com' }",
            "channels: [ { id: wa, type: whatsapp-cloud, config: { phone_number_id: p, access_token: t, app_secret: s } } ]",
            "crms: [ { id: zd, type: zendesk, config: { subdomain: acme, email: a@b.c, api_token: t, "
                    + "webhook_signing_secret: w } } ]",
            "routes:",
            "  - channel: wa",
            "    crm: zd",
            "");

    @TempDir
    Path dir;

    private ConfigResult read(String... routeLines) {
        return new ConfigLoader(EnvLookup.of(Map.of()), dir).parse(HEAD + String.join("\n", routeLines) + "\n", dir)
                .validate(TestSpecs.SPECS);
    }

    private List<String> problems(String... routeLines) {
        return read(routeLines).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aRouteWithoutAnyOfItAnswersAsBefore() {
        assertThat(read().orThrow().routes().get(0).answering()).isEqualTo(Answering.NONE);
    }

    @Test
    void readsHoursAutoRepliesAndTheTarget() {
        ConfigResult result = read(
                "    response_target: 30m",
                "    hours:",
                "      zone: Europe/Berlin",
                "      weekly: { mon: '09:00-12:00, 13:00-17:00', tuesday: ['09:00-17:00'], sat: closed, sun: '00:00-24:00' }",
                "      holidays: [2026-12-25]",
                "    auto_replies:",
                "      min_interval: 4h",
                "      away: { text: 'We are closed; we answer from 9:00.' }",
                "      greeting: { template: { name: welcome_v2, language: en_US, category: utility, body_parameters: [Acme] } }",
                "      keywords:",
                "        - { word: refund, language: en, reply: { text: 'Refunds: https://acme.example/refunds' } }",
                "        - { pattern: 'öffnungszeit(en)?', language: de, reply: { text: 'Mo-Fr 9-17 Uhr' } }");
        assertThat(result.problems()).isEmpty();
        Answering a = result.orThrow().routes().get(0).answering();
        assertThat(a.responseTarget()).isEqualTo(Duration.ofMinutes(30));
        BusinessHours hours = a.hours().orElseThrow();
        assertThat(hours.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(hours.weekly().get(DayOfWeek.MONDAY)).containsExactly(new OpeningSpan(540, 720),
                new OpeningSpan(780, 1020));
        assertThat(hours.weekly().get(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(hours.weekly().get(DayOfWeek.SUNDAY)).containsExactly(new OpeningSpan(0, 1440));
        assertThat(hours.holidays()).containsExactly(LocalDate.of(2026, 12, 25));
        AutoReplies auto = a.autoReplies().orElseThrow();
        assertThat(auto.minInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(auto.away()).contains(new OutboundMessage.Text("We are closed; we answer from 9:00.", false));
        assertThat(auto.greeting()).contains(OutboundMessage.Template.of("welcome_v2", "en_US",
                TemplateCategory.UTILITY, List.of("Acme")));
        assertThat(auto.keyword("Can I get a REFUND?")).isPresent();
        assertThat(auto.keyword("refunds please")).isEmpty();
        assertThat(auto.keyword("Wann sind Ihre Öffnungszeiten?").orElseThrow().language()).contains("de");
    }

    @Test
    void everyProblemIsToldAtItsPath() {
        assertThat(problems(
                "    response_target: soon",
                "    hours:",
                "      zone: Mars/Olympus",
                "      weekly: { mon: '17:00-09:00', funday: '09:00-10:00', tue: '09:00-12:00, 11:00-13:00', wed: '9-5' }",
                "      holidays: [christmas]",
                "      lunch: 12:00",
                "    auto_replies:",
                "      min_interval: 0s",
                "      away: { text: '' }",
                "      greeting: { text: hi, template: { name: t } }",
                "      keywords:",
                "        - { word: refund }",
                "        - { pattern: '([unclosed', language: English, reply: { template: { name: x, language: en, category: promo } } }",
                "        - { word: a, pattern: b, reply: { text: c } }"))
                .containsExactlyInAnyOrder(
                        "routes[0].response_target: must be a positive duration such as 30m, 1h or PT1H, got 'soon'",
                        "routes[0].hours.lunch: unknown setting; expected one of holidays, weekly, zone",
                        "routes[0].hours.zone: not a known time zone, got 'Mars/Olympus' (use a name such as "
                                + "Europe/Berlin or America/New_York)",
                        "routes[0].hours.weekly.mon: '17:00-09:00' is not an opening span HH:MM-HH:MM that runs "
                                + "forward within the day (24:00 ends the day; a night shift is two spans on two days)",
                        "routes[0].hours.weekly.funday: not a day of the week (monday ... sunday, or mon ... sun)",
                        "routes[0].hours.weekly.tue: '11:00-13:00' overlaps another span of the same day",
                        "routes[0].hours.weekly.wed: '9-5' is not an opening span HH:MM-HH:MM that runs forward "
                                + "within the day (24:00 ends the day; a night shift is two spans on two days)",
                        "routes[0].hours.holidays[0]: must be a date such as 2026-12-25, got 'christmas'",
                        "routes[0].auto_replies.min_interval: must be a positive duration such as 30m, 1h or PT1H, got '0s'",
                        "routes[0].auto_replies.away.text: must be a non-blank text",
                        "routes[0].auto_replies.greeting: needs exactly one of text and template",
                        "routes[0].auto_replies.keywords[0].reply: required: text or template",
                        "routes[0].auto_replies.keywords[1].language: must be a language code such as en or de_DE, "
                                + "got 'English'",
                        "routes[0].auto_replies.keywords[1].pattern: not a valid regular expression: Unclosed "
                                + "character class at index 9",
                        "routes[0].auto_replies.keywords[1].reply.template.category: must be utility, marketing or "
                                + "authentication",
                        "routes[0].auto_replies.keywords[2]: needs exactly one of word and pattern");
    }

    @Test
    void anAwayMessageNeedsHours() {
        assertThat(problems("    auto_replies: { away: { text: closed } }"))
                .containsExactly("routes[0].auto_replies.away: needs the route's hours (the away message is sent "
                        + "outside them)");
    }
}
