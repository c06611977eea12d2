package dev.deskbridge.connector.zendesk.webhook;

import dev.deskbridge.connector.api.model.OutboundMessage.TemplateButton;
import dev.deskbridge.connector.api.model.OutboundMessage.TemplateHeader;
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
 * button.0=A-1042            (a URL button's suffix or a copy code, by the button's index)
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
    private static final Pattern BUTTON = Pattern.compile("button\\.(\\d{1,2})");

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
            throw new IllegalArgumentException("line 1: expected '#template NAME [LANGUAGE]', got '"
                    + abbreviate(lines[0]) + "'");
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        Optional<TemplateHeader> header = Optional.empty();
        List<TemplateButton> buttons = new ArrayList<>();
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
            Matcher button = BUTTON.matcher(key);
            if (key.startsWith("header.")) {
                header = Optional.of(new TemplateHeader(headerKind(key, i + 1), value));
            } else if (button.matches()) {
                buttons.add(new TemplateButton(Integer.parseInt(button.group(1)), TemplateButton.ButtonKind.URL, value));
            } else {
                named.put(key, value);
            }
        }
        return new TemplateRequest(first.group(1), Optional.ofNullable(first.group(2)), positional, named, header,
                buttons);
    }

    private static TemplateHeader.HeaderKind headerKind(String key, int line) {
        try {
            return TemplateHeader.HeaderKind.valueOf(key.substring("header.".length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnreadableException("line " + line, "'" + key + "' is not one of header.text, "
                    + "header.image, header.video, header.document");
        }
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
