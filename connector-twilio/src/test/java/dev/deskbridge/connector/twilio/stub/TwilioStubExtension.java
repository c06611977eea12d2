package dev.deskbridge.connector.twilio.stub;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link TwilioStub} per test; after the test, every request it received must match
 * Twilio's descriptions, then the sessions handed to {@link #closeAfter} and the stub are closed.
 */
public final class TwilioStubExtension implements BeforeEachCallback, AfterEachCallback {
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private TwilioStub stub;

    public TwilioStub stub() {
        return stub;
    }

    /** The value for the {@code base_url} setting. */
    public String baseUrl() {
        return stub.baseUrl();
    }

    /** Closes {@code resource} after the test (sessions close idempotently). */
    public <T extends AutoCloseable> T closeAfter(T resource) {
        toClose.push(resource);
        return resource;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stub = new TwilioStub();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            stub.assertEveryRequestMatchesTwilioDescriptions();
        } finally {
            while (!toClose.isEmpty()) {
                toClose.pop().close();
            }
            stub.close();
        }
    }
}
