package dev.deskbridge.connector.testkit.contract;

/** The contract suite over the well-behaved fake configured for polling (no webhooks). */
class PollingFakeCrmContract extends GoodFakeCrmContract {
    @Override
    boolean polling() {
        return true;
    }
}
