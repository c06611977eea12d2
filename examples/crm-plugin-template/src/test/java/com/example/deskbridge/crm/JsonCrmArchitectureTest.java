package com.example.deskbridge.crm;

import dev.deskbridge.connector.testkit.ConnectorArchitecture;
import org.junit.jupiter.api.Test;

/** The plugin uses the host only through the SPI, and its packages need each other one way only. */
class JsonCrmArchitectureTest {
    @Test
    void packagesRunOneWayAndKnowNoHost() {
        // The package by reference, so renaming it (README, step 2) needs no change here.
        ConnectorArchitecture.check(JsonCrmConnector.class.getPackageName());
    }
}
