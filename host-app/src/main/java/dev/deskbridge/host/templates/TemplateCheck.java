package dev.deskbridge.host.templates;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.OutboundMessage.TemplateButton;
import dev.deskbridge.connector.api.model.OutboundMessage.TemplateHeader;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.connector.api.template.HeaderFormat;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateButtonSpec;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.host.templates.TemplateCheckResult.Refused;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a template request against the catalogue before anything is quoted or sent: the template
 * exists in that language and is approved, and its parameters fit it (count, named or positional,
 * header kind, buttons, Meta's length limits). A refusal names the parameter at fault.
 *
 * <p>Limits are Meta's, from the Cloud API's message reference: a text header's parameter 60
 * characters; a body parameter 1,024 characters when the send carries other components, 32,768
 * when the body is alone; no new line, tab or more than four spaces in a row in a parameter; a
 * copy-code button's code 15 characters; a URL button's suffix within a 2,000-character URL.
 */
public final class TemplateCheck {
    static final int HEADER_TEXT_MAX = 60;
    static final int BODY_WITH_OTHERS_MAX = 1024;
    static final int BODY_ALONE_MAX = 32768;
    static final int COPY_CODE_MAX = 15;
    static final int URL_SUFFIX_MAX = 2000;
    private static final Pattern FORBIDDEN = Pattern.compile("[\\n\\t]| {5,}");
    private static final Pattern DIGITS = Pattern.compile("[1-9]\\d{0,2}");

    private final TemplateCatalogue catalogue;

    public TemplateCheck(TemplateCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /** Finds the request's template in the channel's catalogue and checks the request against it. */
    public TemplateCheckResult check(Connection c, String channelId, TemplateRequest request) throws SQLException {
        if (catalogue.lastSync(c, channelId).isEmpty()) {
            return Refused.of(TemplateRefusal.CATALOGUE_NOT_SYNCED, "the template catalogue of channel '" + channelId
                    + "' has not been synced yet; run `deskbridge templates sync`");
        }
        List<CatalogueTemplate> named = catalogue.findByName(c, channelId, request.name());
        List<CatalogueTemplate> candidates = request.language()
                .map(l -> named.stream().filter(t -> t.language().equals(l)).toList()).orElse(named);
        if (candidates.isEmpty()) {
            return Refused.of(TemplateRefusal.TEMPLATE_NOT_FOUND, "channel '" + channelId + "' has no template '"
                    + request.name() + "'" + request.language().map(l -> " in " + l).orElse("")
                    + (named.isEmpty() ? "" : " (it has: " + languages(named) + ")"));
        }
        if (candidates.size() > 1) {
            return Refused.of(TemplateRefusal.TEMPLATE_LANGUAGE_REQUIRED, "template '" + request.name()
                    + "' exists in " + languages(candidates) + "; name the language");
        }
        return check(candidates.get(0), request);
    }

    /** Checks a request against one catalogue entry. */
    public static TemplateCheckResult check(CatalogueTemplate template, TemplateRequest request) {
        TemplateDefinition d = template.definition();
        String which = "template '" + d.name() + "' (" + d.language() + ")";
        switch (d.status()) {
            case APPROVED -> { }
            case PAUSED -> {
                return Refused.of(TemplateRefusal.TEMPLATE_PAUSED, which + " is paused by Meta"
                        + template.statusReason().map(r -> " (" + r + ")").orElse("") + " and cannot be sent now");
            }
            case REJECTED -> {
                return Refused.of(TemplateRefusal.TEMPLATE_REJECTED, which + " was rejected"
                        + template.statusReason().map(r -> " (" + r + ")").orElse(""));
            }
            default -> {
                return Refused.of(TemplateRefusal.TEMPLATE_NOT_APPROVED, which + " is "
                        + d.status().name().toLowerCase(java.util.Locale.ROOT) + ", not approved");
            }
        }
        if (d.category().isEmpty()) {
            return Refused.of(TemplateRefusal.TEMPLATE_CATEGORY_UNKNOWN, which + " has no category in the catalogue,"
                    + " so it cannot be priced");
        }
        Optional<Refused> header = header(d, request.header());
        if (header.isPresent()) {
            return header.get();
        }
        Optional<Refused> buttons = buttons(d, request.buttons());
        if (buttons.isPresent()) {
            return buttons.get();
        }
        boolean alone = request.header().isEmpty() && request.buttons().isEmpty();
        int bodyMax = alone ? BODY_ALONE_MAX : BODY_WITH_OTHERS_MAX;
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        Optional<Refused> body = d.parameterFormat() == ParameterFormat.NAMED
                ? named(d, request, bodyMax, named)
                : positional(d, request, bodyMax, positional);
        if (body.isPresent()) {
            return body.get();
        }
        return new TemplateCheckResult.Resolved(template, new OutboundMessage.Template(d.sendName(), d.language(),
                d.category().get(), positional, request.header(), request.buttons(), named));
    }

    private static Optional<Refused> named(TemplateDefinition d, TemplateRequest r, int max, Map<String, String> out) {
        if (!r.positional().isEmpty()) {
            return Optional.of(Refused.at(TemplateRefusal.PARAMETER_FORMAT_MISMATCH, "body", "template '" + d.name()
                    + "' takes named parameters (" + String.join(", ", d.bodyParameters()) + "), not positional ones"));
        }
        for (String name : d.bodyParameters()) {
            String value = r.named().get(name);
            String at = "body." + name;
            if (value == null) {
                return Optional.of(Refused.at(TemplateRefusal.PARAMETER_MISSING, at, "required by template '"
                        + d.name() + "'"));
            }
            Optional<Refused> bad = value(at, value, max);
            if (bad.isPresent()) {
                return bad;
            }
            out.put(name, value);
        }
        return r.named().keySet().stream().filter(k -> !d.bodyParameters().contains(k)).sorted().findFirst()
                .map(k -> Refused.at(TemplateRefusal.PARAMETER_UNEXPECTED, "body." + k, "template '" + d.name()
                        + "' has no such parameter (it takes: " + names(d) + ")"));
    }

    private static Optional<Refused> positional(TemplateDefinition d, TemplateRequest r, int max, List<String> out) {
        List<String> given = new ArrayList<>(r.positional());
        if (!r.named().isEmpty()) {
            // {"1": "Ana", "2": "A12"} is a positional template's parameters written by number.
            if (!given.isEmpty() || !r.named().keySet().stream().allMatch(k -> DIGITS.matcher(k).matches())) {
                return Optional.of(Refused.at(TemplateRefusal.PARAMETER_FORMAT_MISMATCH, "body", "template '"
                        + d.name() + "' takes positional parameters ({{1}} to {{" + d.bodyParameters().size()
                        + "}}), not named ones"));
            }
            int highest = r.named().keySet().stream().mapToInt(Integer::parseInt).max().orElse(0);
            for (int i = 1; i <= highest; i++) {
                String v = r.named().get(String.valueOf(i));
                if (v == null && i <= d.bodyParameters().size()) {
                    return Optional.of(Refused.at(TemplateRefusal.PARAMETER_MISSING, "body." + i, "required by template '"
                            + d.name() + "'"));
                }
                given.add(v == null ? "" : v);
            }
        }
        int expected = d.bodyParameters().size();
        if (given.size() < expected) {
            return Optional.of(Refused.at(TemplateRefusal.PARAMETER_MISSING, "body." + (given.size() + 1),
                    "template '" + d.name() + "' takes " + expected + " body parameter" + (expected == 1 ? "" : "s")
                            + ", got " + given.size()));
        }
        if (given.size() > expected) {
            return Optional.of(Refused.at(TemplateRefusal.PARAMETER_UNEXPECTED, "body." + (expected + 1),
                    "template '" + d.name() + "' takes " + expected + " body parameter" + (expected == 1 ? "" : "s")
                            + ", got " + given.size()));
        }
        for (int i = 0; i < given.size(); i++) {
            Optional<Refused> bad = value("body." + (i + 1), given.get(i), max);
            if (bad.isPresent()) {
                return bad;
            }
        }
        out.addAll(given);
        return Optional.empty();
    }

    private static Optional<Refused> header(TemplateDefinition d, Optional<TemplateHeader> given) {
        Optional<HeaderFormat> format = d.header();
        boolean takesOne = format.isPresent() && (format.get() != HeaderFormat.TEXT || !d.headerParameters().isEmpty());
        if (!takesOne) {
            return given.map(h -> Refused.at(TemplateRefusal.PARAMETER_UNEXPECTED, "header", "template '" + d.name()
                    + "' has " + format.map(f -> "a header without parameters").orElse("no header")));
        }
        HeaderFormat f = format.get();
        if (f == HeaderFormat.LOCATION) {
            return Optional.of(Refused.at(TemplateRefusal.HEADER_MEDIA_MISMATCH, "header", "template '" + d.name()
                    + "' has a location header, which DeskBridge cannot send yet"));
        }
        String kind = f.name().toLowerCase(java.util.Locale.ROOT);
        if (given.isEmpty()) {
            return Optional.of(Refused.at(TemplateRefusal.PARAMETER_MISSING, "header", "template '" + d.name()
                    + "' has a " + kind + " header; give its " + (f == HeaderFormat.TEXT ? "text" : "link")));
        }
        TemplateHeader h = given.get();
        if (!h.headerKind().name().equals(f.name())) {
            return Optional.of(Refused.at(TemplateRefusal.HEADER_MEDIA_MISMATCH, "header", "template '" + d.name()
                    + "' has a " + kind + " header, got " + h.headerKind().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return f == HeaderFormat.TEXT ? value("header", h.value(), HEADER_TEXT_MAX)
                : h.value().isBlank() ? Optional.of(Refused.at(TemplateRefusal.PARAMETER_MISSING, "header",
                        "the " + kind + " header's link is empty")) : Optional.empty();
    }

    private static Optional<Refused> buttons(TemplateDefinition d, List<TemplateButton> given) {
        for (TemplateButton b : given) {
            Optional<TemplateButtonSpec> spec = d.buttons().stream().filter(s -> s.index() == b.index()).findFirst();
            String at = "buttons[" + b.index() + "]";
            boolean quickReplyPayload = spec.isPresent() && "QUICK_REPLY".equals(spec.get().type())
                    && b.buttonKind() == TemplateButton.ButtonKind.QUICK_REPLY;
            if (spec.isEmpty() || !(spec.get().takesParameter() || quickReplyPayload)) {
                return Optional.of(Refused.at(TemplateRefusal.BUTTON_PARAMETER_UNEXPECTED, at, "template '" + d.name()
                        + "' has " + spec.map(s -> "a " + s.type() + " button there that takes no parameter")
                                .orElse("no button at index " + b.index())));
            }
            int max = "COPY_CODE".equals(spec.get().type()) ? COPY_CODE_MAX : URL_SUFFIX_MAX;
            Optional<Refused> bad = value(at, b.parameter(), max);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return d.buttons().stream().filter(TemplateButtonSpec::takesParameter)
                .filter(s -> given.stream().noneMatch(b -> b.index() == s.index())).findFirst()
                .map(s -> Refused.at(TemplateRefusal.BUTTON_PARAMETER_MISSING, "buttons[" + s.index() + "]",
                        "template '" + d.name() + "' has a " + s.type() + " button there that needs a value"));
    }

    private static Optional<Refused> value(String at, String value, int max) {
        if (value.isBlank()) {
            return Optional.of(Refused.at(TemplateRefusal.PARAMETER_MISSING, at, "is empty; Meta refuses empty parameters"));
        }
        if (value.length() > max) {
            return Optional.of(Refused.at(TemplateRefusal.PARAMETER_TOO_LONG, at, "is " + value.length()
                    + " characters; at most " + max + " are allowed here"));
        }
        if (FORBIDDEN.matcher(value).find()) {
            return Optional.of(Refused.at(TemplateRefusal.PARAMETER_INVALID, at, "contains a new line, a tab or more"
                    + " than four spaces in a row, which Meta refuses in a parameter"));
        }
        return Optional.empty();
    }

    private static String languages(List<CatalogueTemplate> templates) {
        return templates.stream().map(CatalogueTemplate::language).collect(Collectors.joining(", "));
    }

    private static String names(TemplateDefinition d) {
        return d.bodyParameters().isEmpty() ? "none" : String.join(", ", d.bodyParameters());
    }
}
