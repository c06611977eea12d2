package dev.deskbridge.host.cli.testcrm;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.connector.api.error.PermanentException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A CRM type whose sessions can set up, recording what they were asked. */
public final class SetupCrm implements CrmConnector {
    /** "instance|token|webhookUrl|dryRun" per setup call. */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    public static final AtomicInteger CLOSED = new AtomicInteger();

    @Override
    public String type() {
        return "setup-test-crm";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder()
                .add(Setting.required("token", SettingType.STRING, "API token.").asSecret())
                .add(Setting.withDefault("fail", SettingType.BOOLEAN, "false", "Refuse the setup."))
                .build();
    }

    @Override
    public CrmSession open(ConnectorContext context) {
        String token = context.settings().secret("token").orElseThrow().reveal();
        boolean fail = context.settings().bool("fail").orElse(false);
        return new TestCrmSession(Optional.of((webhookUrl, dryRun) -> {
            CALLS.add(context.instanceId() + "|" + token + "|" + webhookUrl + "|" + dryRun);
            if (fail) {
                throw new PermanentException("the CRM answered 403: the agent may not manage webhooks");
            }
            CrmSetup.Step.Action action = dryRun ? CrmSetup.Step.Action.PLAN : CrmSetup.Step.Action.CREATE;
            return List.of(
                    new CrmSetup.Step(action, "ticket field", "deskbridge_window"),
                    new CrmSetup.Step(CrmSetup.Step.Action.EXISTS, "webhook", webhookUrl));
        }));
    }
}
