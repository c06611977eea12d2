package dev.deskbridge.host.plugins.testplugin;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;

/** A CRM type packed into test plugin jars; it is never opened. */
public final class SampleCrm implements CrmConnector {
    @Override
    public String type() {
        return "sample-crm";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder()
                .add(Setting.required("token", SettingType.STRING, "A token.").asSecret())
                .build();
    }

    @Override
    public CrmSession open(ConnectorContext context) {
        throw new UnsupportedOperationException("test connector");
    }
}
