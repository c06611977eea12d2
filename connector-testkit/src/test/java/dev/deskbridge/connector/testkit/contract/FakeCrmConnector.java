package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmSession;
import java.util.function.BiFunction;
import org.pf4j.Extension;

/** The fake CRM's connector as PF4J finds it; the session decides how well it behaves. */
@Extension
public class FakeCrmConnector extends FakeCrmConnectorBase {

    public FakeCrmConnector() {
        this(FakeCrmSession::new);
    }

    FakeCrmConnector(BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions) {
        super(sessions);
    }
}
