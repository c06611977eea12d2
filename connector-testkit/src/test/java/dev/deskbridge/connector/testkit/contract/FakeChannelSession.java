package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The fake channel's session: reads its provider's status webhooks, and sends nowhere. */
final class FakeChannelSession implements ChannelSession {
    static final PhoneNumber CUSTOMER = PhoneNumber.of("+12015550123");
    private final ConnectorContext context;
    private final FakeChannel.Mistake mistake;
    private final Secret appSecret;

    FakeChannelSession(ConnectorContext context, FakeChannel.Mistake mistake) {
        this.context = context;
        this.mistake = mistake;
        this.appSecret = context.settings().secret("app_secret").orElseThrow();
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        return EnumSet.of(ChannelCapability.STATUS_NAMES_SEND);
    }

    @Override
    public SendResult send(SendRequest request) {
        return new SendResult("fake-" + request.idempotencyKey(), context.clock().instant(), Optional.empty());
    }

    @Override
    public void markRead(PhoneNumber business, String providerMessageId) {
        if (mistake != FakeChannel.Mistake.MARK_READ_UNDECLARED) {
            ChannelSession.super.markRead(business, providerMessageId);
        }
    }

    @Override
    public List<ChannelEvent> receive(WebhookRequest request) {
        if (mistake != FakeChannel.Mistake.SIGNATURE_UNCHECKED) {
            String given = request.header(FakeCrm.SIGNATURE_HEADER).orElseThrow(() -> new WebhookRejectedException(
                    "no " + FakeCrm.SIGNATURE_HEADER + " header", Reason.MISSING_SIGNATURE));
            byte[] expected = FakeCrm.sign(appSecret.reveal(), request.body()).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                throw new WebhookRejectedException(FakeCrm.SIGNATURE_HEADER + " does not match the body",
                        Reason.BAD_SIGNATURE);
            }
        }
        List<ChannelEvent> events = new ArrayList<>();
        for (String line : request.bodyText().split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length != 3 || !f[0].equals("status")) {
                continue;
            }
            String eventId = mistake == FakeChannel.Mistake.EVENT_IDS_NOT_STABLE ? UUID.randomUUID().toString()
                    : "fake:" + f[1] + ":delivered";
            Optional<String> sendKey = f[2].equals("-") || mistake == FakeChannel.Mistake.STATUS_WITHOUT_SEND_KEY
                    ? Optional.empty() : Optional.of(f[2]);
            events.add(new DeliveryUpdate(eventId, f[1], CUSTOMER, DeliveryStatus.DELIVERED, Instant.EPOCH, List.of(),
                    Optional.empty(), Optional.empty(), Optional.empty(), sendKey));
        }
        return events;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "FakeChannelSession[" + context.settings().requireString("account")
                + (mistake == FakeChannel.Mistake.SECRET_IN_TO_STRING ? ", secret " + appSecret.reveal() : "") + "]";
    }
}
