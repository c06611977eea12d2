package dev.deskbridge.connector.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the settings accept and how they explain what they refuse. */
class TwilioSettingsTest {
    private static final ConfigSpec CHANNEL = new TwilioWhatsAppChannel().configSpec();
    private static final ConfigSpec CRM = new TwilioConversationsConnector().configSpec();

    private static List<ConfigProblem> channelWith(String key, String value) {
        Map<String, String> s = new HashMap<>(TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK));
        if (value == null) {
            s.remove(key);
        } else {
            s.put(key, value);
        }
        return CHANNEL.validate(s);
    }

    @Test
    void defaultsAreTwiliosFeeAndNoPriceLookups() {
        var settings = CHANNEL.resolve(TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK));
        assertThat(settings.decimal("fee_per_message")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.005"));
        assertThat(settings.string("fee_currency")).contains("USD");
        assertThat(settings.bool("fetch_price")).contains(false);
        var crm = CRM.resolve(TwilioSamples.conversationsSettings(TwilioSamples.UNUSED_LOOPBACK));
        assertThat(crm.string("note_author")).contains("DeskBridge");
        assertThat(crm.bool("trigger_webhooks")).contains(true);
    }

    @Test
    void sidsAreCheckedForTheirShape() {
        assertThat(channelWith("account_sid", "AC123")).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("account_sid"))
                .satisfies(p -> assertThat(p.message()).contains("AC followed by 32 hex digits"));
        Map<String, String> withKey = new HashMap<>(TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK));
        withKey.put("api_key_sid", "AK123");
        withKey.put("api_key_secret", "s3cret-value");
        assertThat(CHANNEL.validate(withKey)).extracting(ConfigProblem::path).containsExactly("api_key_sid");
    }

    @Test
    void anApiKeyNeedsItsSecretAndTheOtherWayRound() {
        assertThat(channelWith("api_key_sid", TwilioSamples.API_KEY_SID)).extracting(ConfigProblem::path)
                .containsExactly("api_key_secret");
        assertThat(channelWith("api_key_secret", TwilioSamples.API_KEY_SECRET)).extracting(ConfigProblem::path)
                .containsExactly("api_key_sid");
    }

    @Test
    void feeMustBeAnAmountInACurrency() {
        assertThat(channelWith("fee_per_message", "-0.01")).extracting(ConfigProblem::path)
                .containsExactly("fee_per_message");
        assertThat(channelWith("fee_currency", "dollars")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("ISO 4217"));
    }

    @Test
    void theAuthTokenIsRequiredBecauseWebhooksAreSignedWithIt() {
        assertThat(channelWith("auth_token", null)).extracting(ConfigProblem::path).containsExactly("auth_token");
        assertThat(channelWith("status_callback_url", null)).extracting(ConfigProblem::path)
                .containsExactly("status_callback_url");
    }
}
