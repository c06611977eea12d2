package dev.deskbridge.connector.zendesk;

import dev.deskbridge.connector.testkit.ConnectorArchitecture;
import org.junit.jupiter.api.Test;

/** The plugin's packages need each other one way only, and none of them uses a host class. */
class ZendeskArchitectureTest {
    @Test
    void packagesRunOneWayAndKnowNoHost() {
        ConnectorArchitecture.check("dev.deskbridge.connector.zendesk");
    }
}
