package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import java.util.function.BiFunction;

/**
 * The fake CRM's connector, without {@code @Extension} (which is inherited, so the annotated
 * {@link FakeCrmConnector} and the deliberately unannotated one both extend this).
 */
abstract class FakeCrmConnectorBase implements CrmConnector {
    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.required("crm", SettingType.STRING, "Name of the in-memory CRM to talk to."))
            .add(Setting.required("api_key", SettingType.STRING, "The CRM's API key.").asSecret())
            .add(Setting.required("webhook_secret", SettingType.STRING, "Signs the CRM's webhooks.").asSecret())
            .add(Setting.withDefault("polling", SettingType.BOOLEAN, "false", "Declare POLLING instead of WEBHOOKS."))
            .build();

    private final BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions;

    FakeCrmConnectorBase(BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions) {
        this.sessions = sessions;
    }

    @Override
    public String type() {
        return "fake-crm";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public CrmSession open(ConnectorContext context) {
        return sessions.apply(FakeCrm.named(context.settings().requireString("crm")), context);
    }
}
