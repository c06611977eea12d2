package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that talk to the Graph API stub: one stub per class, a fresh session per test,
 * and after every test the check that each request the stub received is one Meta's description
 * accepts.
 */
abstract class GraphStubTest {
    static MetaStub meta;
    FakeConnectorContext context;
    ChannelSession session;

    @BeforeAll
    static void startStub() {
        meta = MetaStub.start();
    }

    @AfterAll
    static void stopStub() {
        meta.close();
    }

    /** Settings this class's sessions differ in from the stub's defaults, as key, value pairs. */
    String[] settingOverrides() {
        return new String[0];
    }

    @BeforeEach
    void openSession() {
        meta.reset();
        context = meta.context(settingOverrides());
        session = meta.open(context);
    }

    @AfterEach
    void everyRequestMatchesMetasDescription() {
        session.close();
        meta.assertEveryRequestMatchesDescription();
    }
}
