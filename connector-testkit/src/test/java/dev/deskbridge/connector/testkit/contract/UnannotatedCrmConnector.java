package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.testkit.contract.FakeCrmConnectorBase;

/** The fake CRM's connector as written by an author who forgot {@code @Extension}. */
class UnannotatedCrmConnector extends FakeCrmConnectorBase {
    UnannotatedCrmConnector() {
        super(FakeCrmSession::new);
    }
}
