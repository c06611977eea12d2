package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.OutboundMessage;
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
 * A template's parameters as clients write them, flat (an API body's object, a campaign file's
 * columns): a body parameter by name ({@code first_name}) or position ({@code 1}); {@code header}
 * for a text header, {@code header.image}, {@code header.document} or {@code header.video} for a
 * media header by link; {@code button.N} for the N-th button's URL suffix and
 * {@code button.N.payload} for a quick-reply button's payload. The catalogue checks them.
 */
public final class TemplateParameters {
    private static final Pattern BUTTON = Pattern.compile("button\\.(\\d{1,2})(\\.payload)?");

    private TemplateParameters() {}

    /** @throws IllegalArgumentException naming a header or button key it cannot read */
    public static TemplateRequest request(String name, Optional<String> language, Map<String, String> parameters) {
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
        if (key.equals("header")) {
            return OutboundMessage.TemplateHeader.HeaderKind.TEXT;
        }
        String kind = key.substring("header.".length()).toUpperCase(Locale.ROOT);
        try {
            OutboundMessage.TemplateHeader.HeaderKind k = OutboundMessage.TemplateHeader.HeaderKind.valueOf(kind);
            if (k != OutboundMessage.TemplateHeader.HeaderKind.TEXT) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": expected header, header.image, header.document or header.video");
    }
}
