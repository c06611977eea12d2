package dev.deskbridge.connector.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request to send a template, before the host has checked it against its catalogue: from an
 * agent in a CRM, the admin API or the command line. The host resolves the category, checks the
 * parameters, quotes and budgets it.
 *
 * @param name the template's name (or provider id)
 * @param language the language code; empty takes the catalogue's only language for the name
 * @param positional body parameters of a positional template, in order
 * @param named body parameters of a named template, by name
 * @param header the header's parameter (text, or media by link), when the template has one
 * @param buttons button parameters
 */
public record TemplateRequest(String name, Optional<String> language, List<String> positional,
        Map<String, String> named, Optional<OutboundMessage.TemplateHeader> header,
        List<OutboundMessage.TemplateButton> buttons) {
    public TemplateRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        positional = List.copyOf(Objects.requireNonNull(positional, "positional"));
        named = Map.copyOf(Objects.requireNonNull(named, "named"));
        Objects.requireNonNull(header, "header");
        buttons = List.copyOf(Objects.requireNonNull(buttons, "buttons"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("template name must not be blank");
        }
    }

    private static final Pattern BUTTON = Pattern.compile("button\\.(\\d{1,2})(\\.payload)?");

    /**
     * A request from parameters written flat, as an API body's object, a campaign file's columns or
     * a CRM's message attributes carry them: a body parameter by name ({@code first_name}) or
     * position ({@code 1}); {@code header} (or {@code header.text}) for a text header,
     * {@code header.image}, {@code header.document} or {@code header.video} for a media header by
     * link; {@code button.N} for the N-th button's URL suffix or copy code, {@code button.N.payload}
     * for a quick-reply button's payload. The host's catalogue checks the rest. Added in 0.2, so
     * that every CRM plugin and the host read these keys alike.
     *
     * @throws IllegalArgumentException naming a header or button key that cannot be read
     */
    public static TemplateRequest fromParameters(String name, Optional<String> language, Map<String, String> parameters) {
        Map<String, String> body = new LinkedHashMap<>();
        Optional<OutboundMessage.TemplateHeader> header = Optional.empty();
        List<OutboundMessage.TemplateButton> buttons = new ArrayList<>();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String key = e.getKey();
            if (key.equals("header") || key.startsWith("header.")) {
                if (header.isPresent()) {
                    throw new IllegalArgumentException(key + ": a template has one header parameter");
                }
                header = Optional.of(new OutboundMessage.TemplateHeader(headerKind(key), e.getValue()));
            } else if (key.startsWith("button.")) {
                Matcher m = BUTTON.matcher(key);
                if (!m.matches()) {
                    throw new IllegalArgumentException(key + ": expected button.N (a URL suffix) or button.N.payload");
                }
                buttons.add(new OutboundMessage.TemplateButton(Integer.parseInt(m.group(1)), m.group(2) == null
                        ? OutboundMessage.TemplateButton.ButtonKind.URL
                        : OutboundMessage.TemplateButton.ButtonKind.QUICK_REPLY, e.getValue()));
            } else {
                body.put(key, e.getValue());
            }
        }
        return new TemplateRequest(name, language, List.of(), body, header, buttons);
    }

    private static OutboundMessage.TemplateHeader.HeaderKind headerKind(String key) {
        if (key.equals("header") || key.equals("header.text")) {
            return OutboundMessage.TemplateHeader.HeaderKind.TEXT;
        }
        String kind = key.substring("header.".length()).toUpperCase(Locale.ROOT);
        for (OutboundMessage.TemplateHeader.HeaderKind k : OutboundMessage.TemplateHeader.HeaderKind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        throw new IllegalArgumentException(key + ": expected header, header.image, header.document or header.video");
    }

    /** A body-only request. */
    public static TemplateRequest of(String name, String language, List<String> positional, Map<String, String> named) {
        return new TemplateRequest(name, Optional.of(language), positional, named, Optional.empty(), List.of());
    }
}
