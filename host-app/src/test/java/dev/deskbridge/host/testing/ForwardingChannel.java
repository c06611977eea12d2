package dev.deskbridge.host.testing;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.util.List;
import java.util.Set;

/** A channel session that passes every call to another; tests override what they change. */
public class ForwardingChannel implements ChannelSession {
    private final ChannelSession delegate;

    public ForwardingChannel(ChannelSession delegate) {
        this.delegate = delegate;
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public SendResult send(SendRequest request) {
        return delegate.send(request);
    }

    @Override
    public List<ChannelEvent> receive(WebhookRequest request) {
        return delegate.receive(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
