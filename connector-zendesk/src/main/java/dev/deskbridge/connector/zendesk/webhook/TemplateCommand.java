package dev.deskbridge.connector.zendesk.webhook;

import dev.deskbridge.connector.api.model.TemplateCommandError;
import dev.deskbridge.connector.api.model.TemplateRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The convention by which an agent sends a WhatsApp template from a Zendesk ticket: a public
 * comment (the "DeskBridge: send WhatsApp template" macro that {@code zendesk setup} creates writes
 * its skeleton) whose first line is {@code #template NAME [LANGUAGE]}, followed by one parameter a
 * line, written {@code key=value} or {@code key: value} (a colon with a space after it, so that
 * a bare "10:30" or a link stays a value):
 *
 * <pre>
 * #template order_update en_US
 * first_name=Ana             (a named parameter; "1=Ana" for a positional one by number)
 * Ana                        (a line without a key: the next positional parameter)
 * header.image=https://...   (header.text, header.image, header.video, header.document)
 * button.0=A-1042            (a URL button's suffix or a copy code, by the button's index;
 *                             button.0.payload=... for a quick reply's payload)
 * </pre>
 *
 * DeskBridge checks the request against its catalogue (the language too: an unknown one is told
 * with the languages the template has), quotes it and notes the price on the ticket before
 * sending; the comment itself never goes to the customer.
 */
public final class TemplateCommand {
    public static final String PREFIX = "#template";
    private static final Pattern FIRST = Pattern.compile("#template\\s+(\\S{1,512})(?:\\s+(\\S{1,35}))?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LINE = Pattern.compile("\\s*([A-Za-z0-9_.]{1,80})\\s*(?:=|:(?=\\s|$))\\s?(.*)");

    private TemplateCommand() {}

    /** Whether a comment is a template command (and so never free text for the customer). */
    public static boolean isCommand(String body) {
        return body.strip().toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    /**
     * Reads a command.
     *
     * @throws UnreadableException naming the line that cannot be read
     */
    public static TemplateRequest parse(String body) {
        String[] lines = body.strip().split("\\R");
        Matcher first = FIRST.matcher(lines[0].strip());
        if (!first.matches()) {
            throw new UnreadableException("line 1", "expected '#template NAME [LANGUAGE]', got '"
                    + abbreviate(lines[0]) + "'");
        }
        Optional<String> language = Optional.ofNullable(first.group(2));
        List<String> positional = new ArrayList<>();
        Map<String, String> keyed = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                positional.add(line.strip());
                continue;
            }
            String key = m.group(1);
            String value = m.group(2).strip();
            if (keyed.containsKey(key)) {
                throw new UnreadableException("line " + (i + 1), "'" + key + "' is given twice");
            }
            keyed.put(key, value);
            try {
                // The keys are read as every client's are (header.*, button.N): checked line by line to say where.
                TemplateRequest.fromParameters(first.group(1), language, keyed);
            } catch (IllegalArgumentException e) {
                throw new UnreadableException("line " + (i + 1), e.getMessage());
            }
        }
        TemplateRequest read = TemplateRequest.fromParameters(first.group(1), language, keyed);
        return new TemplateRequest(read.name(), language, positional, read.named(), read.header(), read.buttons());
    }

    /** A command that cannot be read, saying where and what. */
    public static final class UnreadableException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient TemplateCommandError error;

        UnreadableException(String where, String problem) {
            super(where + ": " + problem);
            this.error = new TemplateCommandError(where, problem);
        }

        public TemplateCommandError error() {
            return error;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
