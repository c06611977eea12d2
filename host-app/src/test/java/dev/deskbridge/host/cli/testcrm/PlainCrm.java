package dev.deskbridge.host.cli.testcrm;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.ConfigSpec;
import java.util.Optional;

/** A CRM type without a setup ability. */
public final class PlainCrm implements CrmConnector {
    @Override
    public String type() {
        return "plain-test-crm";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().build();
    }

    @Override
    public CrmSession open(ConnectorContext context) {
        return new TestCrmSession(Optional.empty());
    }
}
