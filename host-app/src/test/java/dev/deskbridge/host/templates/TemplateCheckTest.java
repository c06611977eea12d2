package dev.deskbridge.host.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.OutboundMessage.TemplateButton;
import dev.deskbridge.connector.api.model.OutboundMessage.TemplateButton.ButtonKind;
import dev.deskbridge.connector.api.model.OutboundMessage.TemplateHeader;
import dev.deskbridge.connector.api.model.OutboundMessage.TemplateHeader.HeaderKind;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.HeaderFormat;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateButtonSpec;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal of the parameter check names its reason code and the parameter at fault. */
class TemplateCheckTest {
    private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

    private static CatalogueTemplate entry(TemplateDefinition d) {
        return new CatalogueTemplate("wa-main", d, Optional.empty(), Optional.empty(), T, T);
    }

    private static final CatalogueTemplate POSITIONAL = entry(Templates.positional("order_update",
            TemplateStatus.APPROVED, TemplateCategory.UTILITY, 2));
    private static final CatalogueTemplate NAMED = entry(Templates.namedWithMedia("spring_offer"));
    private static final CatalogueTemplate TEXT_HEADER = entry(new TemplateDefinition("5", "ticket_update", "ticket_update",
            "en_US", TemplateStatus.APPROVED, Optional.of(TemplateCategory.UTILITY), ParameterFormat.POSITIONAL,
            "Ticket {{1}}", List.of("1"), Optional.of(HeaderFormat.TEXT), List.of("1"),
            List.of(new TemplateButtonSpec(0, "COPY_CODE", true)), "[]"));

    private static TemplateCheckResult.Refused refused(CatalogueTemplate t, TemplateRequest r) {
        TemplateCheckResult result = TemplateCheck.check(t, r);
        assertThat(result).isInstanceOf(TemplateCheckResult.Refused.class);
        return (TemplateCheckResult.Refused) result;
    }

    private static TemplateRequest positional(String... values) {
        return TemplateRequest.of("order_update", "en_US", List.of(values), Map.of());
    }

    private static TemplateRequest named(Map<String, String> values, Optional<TemplateHeader> header,
            List<TemplateButton> buttons) {
        return new TemplateRequest("spring_offer", Optional.of("en_US"), List.of(), values, header, buttons);
    }

    private static final Optional<TemplateHeader> IMAGE = Optional.of(new TemplateHeader(HeaderKind.IMAGE,
            "https://cdn.acme.example/spring.jpg"));
    private static final List<TemplateButton> URL_BUTTON = List.of(new TemplateButton(0, ButtonKind.URL, "SPRING20"));

    @Test
    void positionalParametersResolveWithTheCataloguesCategory() {
        TemplateCheckResult r = TemplateCheck.check(POSITIONAL, positional("Ana", "A-1042"));

        assertThat(r).isInstanceOfSatisfying(TemplateCheckResult.Resolved.class, ok -> {
            assertThat(ok.message().bodyParameters()).containsExactly("Ana", "A-1042");
            assertThat(ok.message().namedBodyParameters()).isEmpty();
            assertThat(ok.category()).isEqualTo(TemplateCategory.UTILITY);
        });
    }

    @Test
    void positionalParametersMayBeGivenByNumber() {
        TemplateCheckResult r = TemplateCheck.check(POSITIONAL, TemplateRequest.of("order_update", "en_US", List.of(),
                Map.of("2", "A-1042", "1", "Ana")));

        assertThat(((TemplateCheckResult.Resolved) r).message().bodyParameters()).containsExactly("Ana", "A-1042");
        assertThat(refused(POSITIONAL, TemplateRequest.of("order_update", "en_US", List.of(), Map.of("2", "A-1042")))
                .parameter()).contains("body.1");
    }

    @Test
    void tooFewOrTooManyPositionalParametersNameThePosition() {
        TemplateCheckResult.Refused few = refused(POSITIONAL, positional("Ana"));
        assertThat(few.reason().code()).isEqualTo("parameter_missing");
        assertThat(few.parameter()).contains("body.2");
        assertThat(few.message()).startsWith("body.2: ").contains("takes 2 body parameters, got 1");

        TemplateCheckResult.Refused many = refused(POSITIONAL, positional("Ana", "A-1042", "extra"));
        assertThat(many.reason().code()).isEqualTo("parameter_unexpected");
        assertThat(many.parameter()).contains("body.3");
    }

    @Test
    void namedParametersAreCheckedByName() {
        TemplateCheckResult ok = TemplateCheck.check(NAMED, named(Map.of("first_name", "Ana", "offer", "20% off"),
                IMAGE, URL_BUTTON));
        assertThat(ok).isInstanceOfSatisfying(TemplateCheckResult.Resolved.class, r -> {
            assertThat(r.message().namedBodyParameters()).containsEntry("first_name", "Ana").containsEntry("offer", "20% off");
            assertThat(r.message().header()).isEqualTo(IMAGE);
            assertThat(r.category()).isEqualTo(TemplateCategory.MARKETING);
        });

        TemplateCheckResult.Refused missing = refused(NAMED, named(Map.of("first_name", "Ana"), IMAGE, URL_BUTTON));
        assertThat(missing.reason()).isEqualTo(TemplateRefusal.PARAMETER_MISSING);
        assertThat(missing.parameter()).contains("body.offer");

        TemplateCheckResult.Refused unexpected = refused(NAMED, named(Map.of("first_name", "Ana", "offer", "x",
                "coupon", "y"), IMAGE, URL_BUTTON));
        assertThat(unexpected.reason()).isEqualTo(TemplateRefusal.PARAMETER_UNEXPECTED);
        assertThat(unexpected.parameter()).contains("body.coupon");
        assertThat(unexpected.message()).contains("first_name, offer");

        TemplateCheckResult.Refused positionalForNamed = refused(NAMED, new TemplateRequest("spring_offer",
                Optional.of("en_US"), List.of("Ana", "x"), Map.of(), IMAGE, URL_BUTTON));
        assertThat(positionalForNamed.reason()).isEqualTo(TemplateRefusal.PARAMETER_FORMAT_MISMATCH);

        TemplateCheckResult.Refused namedForPositional = refused(POSITIONAL, TemplateRequest.of("order_update", "en_US",
                List.of(), Map.of("name", "Ana")));
        assertThat(namedForPositional.reason()).isEqualTo(TemplateRefusal.PARAMETER_FORMAT_MISMATCH);
    }

    @Test
    void theHeaderMustBeTheTemplatesKind() {
        TemplateCheckResult.Refused none = refused(NAMED, named(Map.of("first_name", "Ana", "offer", "x"),
                Optional.empty(), URL_BUTTON));
        assertThat(none.reason()).isEqualTo(TemplateRefusal.PARAMETER_MISSING);
        assertThat(none.parameter()).contains("header");
        assertThat(none.message()).contains("image header");

        TemplateCheckResult.Refused video = refused(NAMED, named(Map.of("first_name", "Ana", "offer", "x"),
                Optional.of(new TemplateHeader(HeaderKind.VIDEO, "https://cdn.acme.example/a.mp4")), URL_BUTTON));
        assertThat(video.reason().code()).isEqualTo("header_media_mismatch");
        assertThat(video.message()).contains("has a image header, got video");

        TemplateCheckResult.Refused unexpected = refused(POSITIONAL, new TemplateRequest("order_update",
                Optional.of("en_US"), List.of("Ana", "A-1"), Map.of(), IMAGE, List.of()));
        assertThat(unexpected.reason()).isEqualTo(TemplateRefusal.PARAMETER_UNEXPECTED);
        assertThat(unexpected.parameter()).contains("header");
    }

    @Test
    void buttonsThatTakeAValueNeedOneAndOthersTakeNone() {
        TemplateCheckResult.Refused missing = refused(NAMED, named(Map.of("first_name", "Ana", "offer", "x"), IMAGE,
                List.of()));
        assertThat(missing.reason()).isEqualTo(TemplateRefusal.BUTTON_PARAMETER_MISSING);
        assertThat(missing.parameter()).contains("buttons[0]");

        TemplateCheckResult.Refused none = refused(NAMED, named(Map.of("first_name", "Ana", "offer", "x"), IMAGE,
                List.of(URL_BUTTON.get(0), new TemplateButton(3, ButtonKind.URL, "x"))));
        assertThat(none.reason()).isEqualTo(TemplateRefusal.BUTTON_PARAMETER_UNEXPECTED);
        assertThat(none.parameter()).contains("buttons[3]");

        TemplateCheckResult payload = TemplateCheck.check(NAMED, named(Map.of("first_name", "Ana", "offer", "x"),
                IMAGE, List.of(URL_BUTTON.get(0), new TemplateButton(1, ButtonKind.QUICK_REPLY, "stop-promos"))));
        assertThat(payload).as("a quick reply's payload is optional and allowed").isInstanceOf(TemplateCheckResult.Resolved.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a header text over 60 characters, header, 61, parameter_too_long",
        "a copy code over 15 characters, buttons[0], 16, parameter_too_long",
    })
    void lengthLimitsFromMetasDocsNameTheParameter(String what, String parameter, int length, String code) {
        String value = "x".repeat(length);
        TemplateRequest r = new TemplateRequest("ticket_update", Optional.of("en_US"), List.of("T-1"), Map.of(),
                Optional.of(new TemplateHeader(HeaderKind.TEXT, parameter.equals("header") ? value : "T-1")),
                List.of(new TemplateButton(0, ButtonKind.URL, parameter.equals("header") ? "CODE1" : value)));

        TemplateCheckResult.Refused f = refused(TEXT_HEADER, r);

        assertThat(f.reason().code()).isEqualTo(code);
        assertThat(f.parameter()).contains(parameter);
        assertThat(f.message()).contains(length + " characters");
    }

    @Test
    void aBodyParameterMayBeLongWhenTheBodyIsAloneAndShorterBesideOtherComponents() {
        assertThat(TemplateCheck.check(POSITIONAL, positional("x".repeat(32768), "A")))
                .isInstanceOf(TemplateCheckResult.Resolved.class);
        assertThat(refused(POSITIONAL, positional("x".repeat(32769), "A")).reason())
                .isEqualTo(TemplateRefusal.PARAMETER_TOO_LONG);
        TemplateCheckResult.Refused beside = refused(TEXT_HEADER, new TemplateRequest("ticket_update", Optional.of("en_US"),
                List.of("y".repeat(1025)), Map.of(), Optional.of(new TemplateHeader(HeaderKind.TEXT, "T-1")),
                List.of(new TemplateButton(0, ButtonKind.URL, "CODE1"))));
        assertThat(beside.reason()).isEqualTo(TemplateRefusal.PARAMETER_TOO_LONG);
        assertThat(beside.parameter()).contains("body.1");
    }

    @Test
    void emptyValuesAndNewLinesAreRefusedAsMetaWould() {
        assertThat(refused(POSITIONAL, positional(" ", "A")).reason()).isEqualTo(TemplateRefusal.PARAMETER_MISSING);
        TemplateCheckResult.Refused newline = refused(POSITIONAL, positional("Ana", "line\nbreak"));
        assertThat(newline.reason().code()).isEqualTo("parameter_invalid");
        assertThat(newline.parameter()).contains("body.2");
        assertThat(refused(POSITIONAL, positional("Ana", "a     b")).reason()).isEqualTo(TemplateRefusal.PARAMETER_INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PAUSED, template_paused", "REJECTED, template_rejected", "PENDING, template_not_approved",
        "DISABLED, template_not_approved", "UNKNOWN, template_not_approved"})
    void onlyAnApprovedTemplateResolves(TemplateStatus status, String code) {
        CatalogueTemplate t = entry(Templates.positional("order_update", status, TemplateCategory.UTILITY, 2));

        assertThat(refused(t, positional("Ana", "A-1")).reason().code()).isEqualTo(code);
    }
}
