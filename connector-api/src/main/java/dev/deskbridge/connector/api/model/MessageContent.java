package dev.deskbridge.connector.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a customer sent. One record per kind; {@link Unsupported} keeps kinds DeskBridge does not model. */
public sealed interface MessageContent {

    /** A short human-readable rendering, for a ticket comment or a log line. */
    String summary();

    record Text(String body) implements MessageContent {
        public Text {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String summary() {
            return body;
        }
    }

    /**
     * Media the provider holds; fetch the bytes through the channel session.
     *
     * @param mediaId the provider's media id (or URL, for providers that give one)
     */
    record Media(MediaKind kind, String mediaId, Optional<String> mimeType, Optional<String> sha256,
            Optional<String> caption, Optional<String> filename) implements MessageContent {
        public Media {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(mediaId, "mediaId");
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(filename, "filename");
        }

        @Override
        public String summary() {
            return caption.orElse("[" + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + filename.map(f -> ": " + f).orElse("") + "]");
        }

        /**
         * This media for a ticket that does not get its file: its caption becomes {@link #notAttached}'s
         * text, so its summary tells agents a file was sent and why it is missing. Added in 0.2.
         *
         * @param reason why, in a few words for agents (no URL: download links carry tokens)
         */
        public Media withoutFile(String reason) {
            return new Media(kind, mediaId, mimeType, sha256, Optional.of(notAttached(kind, caption, filename, reason)),
                    filename);
        }

        /**
         * The customer's caption, if any, then a line in the style of the summary saying that a file of
         * this kind (and name) was sent and is not attached, and why: {@code [image not attached: the file
         * could not be fetched]}. Also for media a channel cannot hand over at all (no media id). Added in 0.2.
         */
        public static String notAttached(MediaKind kind, Optional<String> caption, Optional<String> filename,
                String reason) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            String line = "[" + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + filename.filter(f -> !f.isBlank()).map(f -> " \"" + f + "\"").orElse("") + " not attached: "
                    + reason + "]";
            return caption.filter(c -> !c.isBlank()).map(c -> c + "\n" + line).orElse(line);
        }
    }

    record Location(double latitude, double longitude, Optional<String> name, Optional<String> address)
            implements MessageContent {
        public Location {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String summary() {
            return "[location " + latitude + "," + longitude + name.map(n -> " " + n).orElse("")
                    + address.map(a -> ", " + a).orElse("") + "]";
        }
    }

    record Contact(String formattedName, List<String> phones) {
        public Contact {
            Objects.requireNonNull(formattedName, "formattedName");
            phones = List.copyOf(Objects.requireNonNull(phones, "phones"));
        }
    }

    record Contacts(List<Contact> contacts) implements MessageContent {
        public Contacts {
            contacts = List.copyOf(Objects.requireNonNull(contacts, "contacts"));
        }

        @Override
        public String summary() {
            StringBuilder sb = new StringBuilder("[contacts");
            for (Contact c : contacts) {
                sb.append(' ').append(c.formattedName()).append(' ').append(c.phones());
            }
            return sb.append(']').toString();
        }
    }

    /** A tap on an interactive reply button or list row. */
    record InteractiveReply(Interaction interaction, String id, String title, Optional<String> description)
            implements MessageContent {
        public enum Interaction { BUTTON, LIST }

        public InteractiveReply {
            Objects.requireNonNull(interaction, "interaction");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String summary() {
            return title;
        }
    }

    /** A tap on a quick-reply button of a template. */
    record TemplateButtonReply(String payload, String text) implements MessageContent {
        public TemplateButtonReply {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String summary() {
            return text;
        }
    }

    /** A reaction to an earlier message; an empty emoji removes the reaction. */
    record Reaction(String reactedToMessageId, String emoji) implements MessageContent {
        public Reaction {
            Objects.requireNonNull(reactedToMessageId, "reactedToMessageId");
            Objects.requireNonNull(emoji, "emoji");
        }

        @Override
        public String summary() {
            return emoji.isEmpty() ? "[reaction removed]" : "[reaction " + emoji + "]";
        }
    }

    /** A kind DeskBridge does not model; the provider's type name is kept. */
    record Unsupported(String rawType) implements MessageContent {
        public Unsupported {
            Objects.requireNonNull(rawType, "rawType");
        }

        @Override
        public String summary() {
            return "[unsupported message type: " + rawType + "]";
        }
    }
}
