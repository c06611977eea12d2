package dev.deskbridge.connector.twilio.whatsapp;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.TwilioWhatsAppChannel;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioStub;
import dev.deskbridge.connector.twilio.stub.TwilioStubExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A {@code twilio-whatsapp} session against the Twilio stub, reopened with other settings on demand. */
abstract class ChannelTestBase {
    @RegisterExtension
    final TwilioStubExtension twilio = new TwilioStubExtension();
    TwilioStub stub;
    FakeConnectorContext context;
    ChannelSession session;

    @BeforeEach
    void openOnStub() {
        stub = twilio.stub();
        open(TwilioSamples.channelSettings(stub.baseUrl()));
    }

    final void open(Map<String, String> settings) {
        if (session != null) {
            session.close();
        }
        TwilioWhatsAppChannel channel = new TwilioWhatsAppChannel();
        context = FakeConnectorContext.of(channel.configSpec(), settings);
        session = twilio.closeAfter(channel.open(context));
    }

    /** Reopens the session on the stub with these settings changed ({@code key, value, ...}). */
    final void reopenWith(String... keyValues) {
        Map<String, String> settings = new LinkedHashMap<>(TwilioSamples.channelSettings(stub.baseUrl()));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        open(settings);
    }
}
