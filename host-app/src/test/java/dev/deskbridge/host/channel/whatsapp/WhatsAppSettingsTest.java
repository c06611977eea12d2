package dev.deskbridge.host.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The channel's settings, validated before anything starts, and its registration with the host. */
class WhatsAppSettingsTest {
    private static Map<String, String> with(String... pairs) {
        Map<String, String> s = MetaStub.validSettings("https://graph.facebook.com");
        for (int i = 0; i < pairs.length; i += 2) {
            s.put(pairs[i], pairs[i + 1]);
        }
        return s;
    }

    private static List<String> problems(Map<String, String> raw) {
        return WhatsAppSettings.SPEC.validate(raw).stream().map(ConfigProblem::toString).collect(Collectors.toList());
    }

    @Test
    void defaultsAreMetasAndTheIssuesFigures() {
        WhatsAppSettings s = WhatsAppSettings.from(WhatsAppSettings.SPEC.resolve(with()));

        assertThat(s.graphApiVersion()).isEqualTo("v23.0");
        assertThat(s.baseUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(s.messagesPerSecond()).isEqualTo(80);
        assertThat(s.maxMediaBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(s.rateLimitMaxWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.businessNumber()).isEqualTo(PhoneNumber.of(MetaStub.BUSINESS));
        assertThat(s.toString()).doesNotContain(MetaStub.ACCESS_TOKEN, MetaStub.APP_SECRET, MetaStub.VERIFY_TOKEN);
    }

    @Test
    void badValuesAreNamedWithoutEchoingSecrets() {
        assertThat(problems(with(WhatsAppSettings.PHONE_NUMBER_ID, "+1 555 078")))
                .containsExactly("phone_number_id: must be Meta's numeric phone number id, got '+1 555 078'");
        assertThat(problems(with(WhatsAppSettings.GRAPH_API_VERSION, "23")))
                .containsExactly("graph_api_version: must be a Graph API version like v23.0, got '23'");
        assertThat(problems(with(WhatsAppSettings.MESSAGES_PER_SECOND, "0")))
                .containsExactly("messages_per_second: must be from 1 to 10000, got '0'");
        assertThat(problems(with(WhatsAppSettings.READ_TIMEOUT, "0s")))
                .containsExactly("read_timeout: must be from 1ms to 1h, got '0s'");
        assertThat(problems(with(WhatsAppSettings.BUSINESS_NUMBER, "15550783881")))
                .singleElement().asString().startsWith("business_number: must be a phone number in E.164 form");
        // E.164 in form, but no country's numbers are this short: every send would be refused.
        assertThat(problems(with(WhatsAppSettings.BUSINESS_NUMBER, "+1555"))).containsExactly(
                "business_number: must be a possible phone number (of a length its country code has), got '+1555'");
        Map<String, String> noToken = with();
        noToken.remove(WhatsAppSettings.ACCESS_TOKEN);
        assertThat(problems(noToken)).containsExactly("access_token: required");
        assertThat(WhatsAppSettings.SPEC.resolve(with()).toString())
                .doesNotContain(MetaStub.ACCESS_TOKEN, MetaStub.APP_SECRET, MetaStub.VERIFY_TOKEN);
    }

    @Test
    void credentialsAreDeclaredSecret() {
        assertThat(WhatsAppSettings.SPEC.settings()).filteredOn(s -> s.secret()).extracting(s -> s.name())
                .containsExactlyInAnyOrder("access_token", "app_secret", "verify_token");
    }

    @Test
    void theHostFindsTheChannelThroughServiceLoader() {
        List<MessagingChannel> channels = StreamSupport.stream(
                ServiceLoader.load(MessagingChannel.class).spliterator(), false).toList();

        assertThat(channels).filteredOn(c -> c.type().equals("whatsapp-cloud")).singleElement()
                .isInstanceOf(WhatsAppCloudChannel.class);
    }
}
