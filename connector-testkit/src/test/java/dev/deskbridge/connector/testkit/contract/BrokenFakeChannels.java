package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.util.Optional;

/**
 * Fake channel plugins with one deliberate mistake each; the channel contract must fail every one
 * of them ({@link ContractSuiteCatchesMistakesTest}).
 */
final class BrokenFakeChannels {
    private BrokenFakeChannels() {}

    static final class StatusWithoutSendKey extends GoodFakeChannelContract {
        @Override
        FakeChannel.Mistake mistake() {
            return FakeChannel.Mistake.STATUS_WITHOUT_SEND_KEY;
        }
    }

    static final class NoStatusSample extends GoodFakeChannelContract {
        @Override
        protected Optional<WebhookRequest> signedStatusOfSend(FakeConnectorContext context, String sendKey) {
            return Optional.empty();
        }
    }

    static final class SignatureUnchecked extends GoodFakeChannelContract {
        @Override
        FakeChannel.Mistake mistake() {
            return FakeChannel.Mistake.SIGNATURE_UNCHECKED;
        }
    }

    static final class EventIdsNotStable extends GoodFakeChannelContract {
        @Override
        FakeChannel.Mistake mistake() {
            return FakeChannel.Mistake.EVENT_IDS_NOT_STABLE;
        }
    }

    static final class SecretInToString extends GoodFakeChannelContract {
        @Override
        FakeChannel.Mistake mistake() {
            return FakeChannel.Mistake.SECRET_IN_TO_STRING;
        }
    }

    static final class MarkReadUndeclared extends GoodFakeChannelContract {
        @Override
        FakeChannel.Mistake mistake() {
            return FakeChannel.Mistake.MARK_READ_UNDECLARED;
        }
    }
}
