package com.example.deskbridge.crm;

import dev.deskbridge.connector.testkit.ConnectorArchitecture;
import org.junit.jupiter.api.Test;

/** The plugin uses the host only through the SPI, and its packages need each other one way only. */
class JsonCrmArchitectureTest {
    @Test
    void packagesRunOneWayAndKnowNoHost() {
        ConnectorArchitecture.check("com.example.deskbridge.crm");
    }
}
