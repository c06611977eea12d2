package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tests of the receiving side: a fresh session per test that never calls Meta. */
abstract class OfflineSessionTest {
    FakeConnectorContext context;
    ChannelSession session;

    @BeforeEach
    void openSession() {
        context = MetaStub.offlineContext();
        session = new WhatsAppCloudChannel().open(context);
    }

    @AfterEach
    void closeSession() {
        session.close();
    }
}
