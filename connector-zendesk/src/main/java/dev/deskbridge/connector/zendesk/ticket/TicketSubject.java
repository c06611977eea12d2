package dev.deskbridge.connector.zendesk.ticket;

import dev.deskbridge.connector.api.model.PhoneNumber;

/** A ticket subject from the first words of the customer's first message. */
public final class TicketSubject {
    /** Longest subject before the words are cut, not counting the ellipsis. */
    public static final int MAX_LENGTH = 60;

    private TicketSubject() {}

    /**
     * The first words of {@code text} that fit {@link #MAX_LENGTH} characters, with an ellipsis
     * when cut; a generic subject naming the customer when the text has no words.
     */
    public static String from(String text, PhoneNumber customer) {
        String words = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (words.isEmpty()) {
            return "WhatsApp message from " + customer.e164();
        }
        if (words.length() <= MAX_LENGTH) {
            return words;
        }
        int cut = words.lastIndexOf(' ', MAX_LENGTH);
        String head = cut > 0 ? words.substring(0, cut) : words.substring(0, MAX_LENGTH);
        return head.strip() + "…";
    }
}
