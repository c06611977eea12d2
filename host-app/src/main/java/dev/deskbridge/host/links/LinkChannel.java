package dev.deskbridge.host.links;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.channel.whatsapp.MetaQrCodes;
import dev.deskbridge.host.channel.whatsapp.WhatsAppCloudChannel;
import dev.deskbridge.host.channel.whatsapp.WhatsAppSettings;
import dev.deskbridge.host.config.ConnectorInstance;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel links can open: its id, its business number, and Meta's QR codes when it is a
 * WhatsApp Cloud API channel (other senders get wa.me links only).
 */
public record LinkChannel(String id, String type, Optional<PhoneNumber> business, Optional<MetaQrCodes> qrCodes) {
    public LinkChannel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(qrCodes, "qrCodes");
    }

    /**
     * The channel of a validated configuration entry. A Cloud API channel's number is its
     * {@code business_number}; another sender's is its {@code business_number} or {@code sender}
     * setting when that is a phone number ({@code whatsapp:+14155238886} included).
     */
    public static LinkChannel of(ConnectorInstance instance, Clock clock) {
        if (WhatsAppCloudChannel.TYPE.equals(instance.type())) {
            WhatsAppSettings settings = WhatsAppSettings.from(instance.settings(WhatsAppSettings.SPEC));
            return new LinkChannel(instance.id(), instance.type(), Optional.of(settings.businessNumber()),
                    Optional.of(MetaQrCodes.of(settings, clock)));
        }
        Optional<PhoneNumber> number = Optional.ofNullable(instance.config().get("business_number"))
                .or(() -> Optional.ofNullable(instance.config().get("sender")))
                .map(s -> s.replaceFirst("^whatsapp:", "").trim())
                .flatMap(LinkChannel::phone);
        return new LinkChannel(instance.id(), instance.type(), number, Optional.empty());
    }

    /** The channels of a validated configuration. */
    public static java.util.List<LinkChannel> all(java.util.List<ConnectorInstance> channels, Clock clock) {
        return channels.stream().map(c -> of(c, clock)).toList();
    }

    private static Optional<PhoneNumber> phone(String s) {
        try {
            return Optional.of(PhoneNumber.of(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
