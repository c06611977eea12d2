package dev.deskbridge.host.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.HeaderFormat;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateButtonSpec;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.api.error.RetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue's listing from Meta, page by page, against a stub checked by Meta's own description. */
class TemplateListTest extends GraphStubTest {
    static final String WABA = "102290129340398";
    static final String PATH = "/" + MetaStub.VERSION + "/" + WABA + "/message_templates";

    @Override
    String[] settingOverrides() {
        return new String[] {WhatsAppSettings.WABA_ID, WABA};
    }

    static String resource(String name) {
        try (InputStream in = TemplateListTest.class.getResourceAsStream("/meta/templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two pages: the first without a cursor, the second asked for with the first's after cursor. */
    static void stubTwoPages(MetaStub meta) {
        meta.server().stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(resource("page-1.json"))));
        meta.server().stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", equalTo("MjQZD"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(resource("page-2.json"))));
    }

    @Test
    void everyPageIsReadByItsCursorIntoDefinitions() {
        stubTwoPages(meta);

        List<TemplateDefinition> listed = session.listTemplates();

        meta.server().verify(2, getRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + MetaStub.ACCESS_TOKEN)));
        meta.server().verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("after", equalTo("MjQZD")));
        assertThat(listed).extracting(TemplateDefinition::name)
                .containsExactly("order_update", "2023_april_promo", "spring_offer");

        TemplateDefinition order = listed.get(0);
        assertThat(order.providerId()).isEqualTo("920070352646140");
        assertThat(order.status()).isEqualTo(TemplateStatus.APPROVED);
        assertThat(order.category()).contains(TemplateCategory.UTILITY);
        assertThat(order.parameterFormat()).isEqualTo(ParameterFormat.POSITIONAL);
        assertThat(order.bodyParameters()).containsExactly("1", "2");
        assertThat(order.header()).contains(HeaderFormat.TEXT);
        assertThat(order.headerParameters()).containsExactly("1");
        assertThat(order.buttons()).containsExactly(new TemplateButtonSpec(0, "URL", true),
                new TemplateButtonSpec(1, "QUICK_REPLY", false));

        assertThat(listed.get(1).status()).isEqualTo(TemplateStatus.REJECTED);
        assertThat(listed.get(1).headerParameters()).isEmpty();

        TemplateDefinition offer = listed.get(2);
        assertThat(offer.language()).isEqualTo("es");
        assertThat(offer.status()).isEqualTo(TemplateStatus.PAUSED);
        assertThat(offer.parameterFormat()).isEqualTo(ParameterFormat.NAMED);
        assertThat(offer.bodyParameters()).containsExactly("first_name", "offer");
        assertThat(offer.header()).contains(HeaderFormat.IMAGE);
        assertThat(offer.buttons()).containsExactly(new TemplateButtonSpec(0, "COPY_CODE", true));
        assertThat(offer.components()).contains("body_text_named_params");
    }

    @Test
    void aChannelWithoutWabaIdHasNoCatalogue() {
        var plain = meta.open(meta.context());
        assertThat(plain.capabilities()).doesNotContain(ChannelCapability.TEMPLATE_CATALOGUE);
        assertThat(session.capabilities()).contains(ChannelCapability.TEMPLATE_CATALOGUE);
        plain.close();
    }

    @Test
    void aFailingPageFailsTheWholeListingAsMetaClassifiesIt() {
        meta.server().stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody(MetaStub.errorBody(2, "Service temporarily unavailable", "try later"))));

        assertThatThrownBy(session::listTemplates).isInstanceOf(RetryableException.class);
    }
}
