package dev.deskbridge.host.links;

import dev.deskbridge.host.channel.whatsapp.MetaQrCodes;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Managing click-to-chat links, for the CLI and the admin API alike: each is stored first, then
 * (with a QR code) created at Meta, so a failure at Meta leaves nothing behind that Meta does not
 * know. Bad input is an {@link IllegalArgumentException} naming the field, an unknown link a
 * {@link NoSuchElementException}; Meta's failures are the SPI's failure classes.
 */
public final class ChatLinks {
    private static final int CODE_ATTEMPTS = 10;

    private final Database db;
    private final Map<String, LinkChannel> channels;
    private final Clock clock;
    private final LinkStore store = new LinkStore();

    public ChatLinks(Database db, List<LinkChannel> channels, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(LinkChannel::id, Function.identity()));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a link to {@code channelId}'s number.
     *
     * @param qrCode also create Meta's QR code and short link (Cloud API channels only)
     */
    public ChatLink create(String channelId, String name, String source, String message, boolean qrCode) {
        LinkChannel channel = channel(channelId);
        ChatLink draft = new ChatLink("", LinkFields.name(name), LinkFields.source(source), channel.id(),
                channel.business().orElseThrow(() -> new IllegalArgumentException("channel: '" + channelId
                        + "' has no business number DeskBridge can read (business_number or sender)")),
                LinkFields.message(message), Optional.empty(), Optional.empty(), clock.instant(), Optional.empty());
        Optional<MetaQrCodes> meta = qrCode ? Optional.of(qrCodes(channel)) : Optional.empty();
        ChatLink stored = insertWithFreshCode(draft);
        if (meta.isEmpty()) {
            return stored;
        }
        MetaQrCodes.QrCode qr;
        try {
            qr = meta.get().create(stored.prefilledMessage());
        } catch (RuntimeException e) {
            db.inTransactionDo(c -> store.remove(c, stored.code()));
            throw e;
        }
        ChatLink withQr = withMeta(stored, Optional.of(qr));
        db.inTransactionDo(c -> store.save(c, withQr, clock.instant()));
        return withQr;
    }

    /** Links not deleted, or all of them, newest first. */
    public List<ChatLink> list(boolean withDeleted) {
        return db.inTransaction(c -> store.list(c, withDeleted));
    }

    public ChatLink get(String code) {
        String checked = LinkFields.code(code);
        return db.inTransaction(c -> store.find(c, checked))
                .orElseThrow(() -> new NoSuchElementException("no link with code '" + checked + "'"));
    }

    /** Changes what is given; a new message is changed at Meta first when the link has a QR code. */
    public ChatLink update(String code, Optional<String> name, Optional<String> source, Optional<String> message) {
        ChatLink link = live(code);
        ChatLink changed = new ChatLink(link.code(), name.map(LinkFields::name).orElse(link.name()),
                source.map(LinkFields::source).orElse(link.source()), link.channelId(), link.business(),
                message.map(LinkFields::message).orElse(link.message()), link.metaCode(), link.metaShortLink(),
                link.createdAt(), link.deletedAt());
        if (link.metaCode().isPresent() && !changed.message().equals(link.message())) {
            MetaQrCodes.QrCode qr = qrCodes(channel(link.channelId()))
                    .update(link.metaCode().get(), changed.prefilledMessage());
            changed = withMeta(changed, Optional.of(qr));
        }
        ChatLink saved = changed;
        db.inTransactionDo(c -> store.save(c, saved, clock.instant()));
        return saved;
    }

    /**
     * Deletes a link: Meta's QR code and short link stop working; the wa.me link cannot be
     * stopped, and a conversation it still brings is still named after it.
     */
    public ChatLink delete(String code) {
        ChatLink link = live(code);
        if (link.metaCode().isPresent()) {
            qrCodes(channel(link.channelId())).delete(link.metaCode().get());
        }
        Instant now = clock.instant();
        db.inTransactionDo(c -> store.markDeleted(c, link.code(), now));
        return get(link.code());
    }

    /** The image of a link's QR code, rendered by Meta, as {@code png} or {@code svg}. */
    public QrImage qrImage(String code, String format) {
        MetaQrCodes.ImageFormat wanted = MetaQrCodes.ImageFormat.of(format);
        ChatLink link = live(code);
        String metaCode = link.metaCode().orElseThrow(() -> new IllegalArgumentException("code: link " + link.code()
                + " has no QR code at Meta (it was created without one); its wa.me link is " + link.waMeUrl()));
        MetaQrCodes.Image image = qrCodes(channel(link.channelId())).image(metaCode, wanted);
        return new QrImage(wanted.mediaType(), wanted.name().toLowerCase(java.util.Locale.ROOT), image.bytes());
    }

    /** Every QR code Meta has for a channel's number, whether DeskBridge made it or not. */
    public List<MetaQrCodes.QrCode> atMeta(String channelId) {
        return qrCodes(channel(channelId)).list();
    }

    private ChatLink live(String code) {
        ChatLink link = get(code);
        if (link.deleted()) {
            throw new NoSuchElementException("link '" + link.code() + "' was deleted");
        }
        return link;
    }

    private ChatLink insertWithFreshCode(ChatLink draft) {
        for (int i = 0; i < CODE_ATTEMPTS; i++) {
            ChatLink candidate = new ChatLink(LinkCodes.generate(), draft.name(), draft.source(), draft.channelId(),
                    draft.business(), draft.message(), draft.metaCode(), draft.metaShortLink(), draft.createdAt(),
                    draft.deletedAt());
            if (db.inTransaction(c -> store.insert(c, candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free link code after " + CODE_ATTEMPTS + " attempts");
    }

    private LinkChannel channel(String channelId) {
        LinkChannel channel = channels.get(Objects.requireNonNull(channelId, "channelId"));
        if (channel == null) {
            throw new IllegalArgumentException("channel: no channel with id '" + LogSafe.text(channelId, 40) + "' (channels: "
                    + String.join(", ", new java.util.TreeSet<>(channels.keySet())) + ")");
        }
        return channel;
    }

    private static MetaQrCodes qrCodes(LinkChannel channel) {
        return channel.qrCodes().orElseThrow(() -> new IllegalArgumentException("channel: '" + channel.id()
                + "' is a " + channel.type() + " channel; QR codes and short links come from Meta's Cloud API"
                + " (whatsapp-cloud channels). Create a wa.me link without a QR code instead."));
    }

    private static ChatLink withMeta(ChatLink link, Optional<MetaQrCodes.QrCode> qr) {
        return new ChatLink(link.code(), link.name(), link.source(), link.channelId(), link.business(),
                link.message(), qr.map(MetaQrCodes.QrCode::code), qr.map(MetaQrCodes.QrCode::shortLink),
                link.createdAt(), link.deletedAt());
    }
}
