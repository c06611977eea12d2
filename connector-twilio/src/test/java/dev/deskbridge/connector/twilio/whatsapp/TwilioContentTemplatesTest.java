package dev.deskbridge.connector.twilio.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.twilio.rest.TwilioHttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's listing from Twilio's Content API ({@code GET /v1/ContentAndApprovals}), page by
 * page through {@code meta.next_page_url}, with bodies shaped as the Content description's own
 * {@code readResults} example (every request checked against that description).
 */
class TwilioContentTemplatesTest extends ChannelTestBase {
    private static final String PATH = "/v1/ContentAndApprovals";

    private static String page(String contents, String next) {
        return "{\"contents\":[" + contents + "],\"meta\":{\"page\":0,\"page_size\":2,"
                + "\"first_page_url\":\"https://content.twilio.com/v1/ContentAndApprovals?PageSize=2&Page=0\","
                + "\"previous_page_url\":null,\"next_page_url\":" + (next == null ? "null" : "\"" + next + "\"")
                + ",\"url\":\"https://content.twilio.com/v1/ContentAndApprovals?PageSize=2&Page=0\",\"key\":\"contents\"}}";
    }

    private static String content(String sid, String name, String variables, String body, String status,
            String category) {
        return "{\"date_created\":\"2023-01-13T23:33:46Z\",\"date_updated\":\"2023-01-13T23:33:46Z\",\"sid\":\"" + sid
                + "\",\"account_sid\":\"AC25c0d4b9093547216c460212e24e77ee\",\"friendly_name\":\"" + name
                + "\",\"language\":\"en\",\"variables\":" + variables + ",\"types\":{\"twilio/text\":{\"body\":\""
                + body + "\"}},\"approval_requests\":{\"category\":\"" + category + "\",\"status\":\"" + status
                + "\",\"rejection_reason\":\"\",\"name\":\"" + name.toLowerCase().replace(' ', '_')
                + "\",\"content_type\":\"twilio/text\",\"allow_category_change\":false}}";
    }

    @Test
    void everyPageIsReadThroughNextPageUrlIntoDefinitionsSentByContentSid() {
        String second = "https://content.twilio.com/v1/ContentAndApprovals?PageSize=100&Page=1&PageToken=PTcursor2";
        stub.server().stubFor(get(urlPathEqualTo(PATH)).withQueryParam("PageToken", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(
                        content("HX5fcd48a417c1cb59da349ad6d5da4607", "Order Update", "{\"1\":\"name\",\"2\":\"order\"}",
                                "Hi {{1}}, order {{2}} ships today.", "approved", "UTILITY") + ","
                        + content("HX15c711fcc6d9ea5268d7ab77938a20ff", "Video Highlights", "{\"1\":\"name\"}",
                                "Hi {{1}}", "rejected", "TRANSACTIONAL"), second))));
        stub.server().stubFor(get(urlPathEqualTo(PATH)).withQueryParam("PageToken", equalTo("PTcursor2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(
                        content("HXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Spring Offer",
                                "{\"first_name\":\"Ana\",\"offer\":\"20% off\"}", "Hi {{first_name}}, {{offer}}",
                                "paused", "MARKETING"), null))));

        assertThat(session.capabilities()).contains(ChannelCapability.TEMPLATE_CATALOGUE);
        List<TemplateDefinition> listed = session.listTemplates();

        stub.server().verify(2, getRequestedFor(urlPathEqualTo(PATH))
                .withHeader(TwilioHttpClient.FORWARDED_HOST, equalTo("content.twilio.com")));
        assertThat(listed).extracting(TemplateDefinition::name)
                .containsExactly("Order Update", "Video Highlights", "Spring Offer");
        TemplateDefinition order = listed.get(0);
        assertThat(order.sendName()).isEqualTo("HX5fcd48a417c1cb59da349ad6d5da4607");
        assertThat(order.status()).isEqualTo(TemplateStatus.APPROVED);
        assertThat(order.category()).contains(TemplateCategory.UTILITY);
        assertThat(order.parameterFormat()).isEqualTo(ParameterFormat.POSITIONAL);
        assertThat(order.bodyParameters()).containsExactly("1", "2");
        assertThat(order.body()).isEqualTo("Hi {{1}}, order {{2}} ships today.");
        assertThat(listed.get(1).status()).isEqualTo(TemplateStatus.REJECTED);
        assertThat(listed.get(1).category()).as("Twilio's TRANSACTIONAL is Meta's utility").contains(TemplateCategory.UTILITY);
        TemplateDefinition offer = listed.get(2);
        assertThat(offer.status()).isEqualTo(TemplateStatus.PAUSED);
        assertThat(offer.parameterFormat()).isEqualTo(ParameterFormat.NAMED);
        assertThat(offer.bodyParameters()).containsExactly("first_name", "offer");
    }
}
