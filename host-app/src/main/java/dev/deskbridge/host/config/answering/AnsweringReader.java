package dev.deskbridge.host.config.answering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.Durations;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a route's {@code hours:}, {@code auto_replies:} and {@code response_target:}, reporting
 * every problem under its path ({@code routes[0].auto_replies.keywords[1].pattern: ...}).
 */
public final class AnsweringReader {
    /** The route keys this reader owns. */
    public static final Set<String> KEYS = Set.of("hours", "auto_replies", "response_target");

    private static final Pattern SPAN = Pattern.compile("(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2,4})?");
    private static final Set<String> HOURS_KEYS = Set.of("zone", "weekly", "holidays");
    private static final Set<String> AUTO_KEYS = Set.of("away", "greeting", "keywords", "min_interval");
    private static final Set<String> REPLY_KEYS = Set.of("text", "template");
    private static final Set<String> TEMPLATE_KEYS = Set.of("name", "language", "category", "body_parameters");
    private static final Set<String> RULE_KEYS = Set.of("word", "pattern", "language", "reply");
    /** WhatsApp's limit on a text message's body. */
    private static final int MAX_TEXT = 4096;

    private final Consumer<ConfigProblem> problems;
    private boolean ok = true;

    private AnsweringReader(Consumer<ConfigProblem> problems) {
        this.problems = problems;
    }

    /**
     * Reads the keys of one route entry.
     *
     * @param route the route's mapping
     * @param at the route's path, {@code routes[0]}
     * @return {@link Answering#NONE} when the route sets none of the keys, empty when something was wrong
     */
    public static Optional<Answering> read(JsonNode route, String at, Consumer<ConfigProblem> problems) {
        return new AnsweringReader(problems).route(route, at);
    }

    private Optional<Answering> route(JsonNode route, String at) {
        Optional<BusinessHours> hours = present(route.get("hours")) ? hours(route.get("hours"), at + ".hours")
                : Optional.empty();
        Optional<AutoReplies> auto = present(route.get("auto_replies"))
                ? autoReplies(route.get("auto_replies"), at + ".auto_replies") : Optional.empty();
        Duration target = Answering.DEFAULT_RESPONSE_TARGET;
        if (present(route.get("response_target"))) {
            target = duration(route.get("response_target"), at + ".response_target").orElse(target);
        }
        if (auto.flatMap(AutoReplies::away).isPresent() && hours.isEmpty() && !present(route.get("hours"))) {
            problem(at + ".auto_replies.away", "needs the route's hours (the away message is sent outside them)");
        }
        return ok ? Optional.of(new Answering(hours, auto, target)) : Optional.empty();
    }

    // --- hours ---------------------------------------------------------------------------------

    private Optional<BusinessHours> hours(JsonNode node, String at) {
        if (!mapping(node, at, HOURS_KEYS)) {
            return Optional.empty();
        }
        ZoneId zone = null;
        JsonNode z = node.get("zone");
        if (!present(z)) {
            problem(at + ".zone", "required: a time zone such as Europe/Berlin");
        } else {
            try {
                zone = ZoneId.of(z.asText());
            } catch (DateTimeException e) {
                problem(at + ".zone", "not a known time zone, got '" + z.asText() + "' (use a name such as "
                        + "Europe/Berlin or America/New_York)");
            }
        }
        Map<DayOfWeek, List<OpeningSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        JsonNode w = node.get("weekly");
        if (!present(w)) {
            problem(at + ".weekly", "required: the opening spans per day, for example monday: \"09:00-17:00\"");
        } else if (mapping(w, at + ".weekly", null)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = at + ".weekly." + e.getKey();
                Optional<DayOfWeek> day = day(e.getKey());
                if (day.isEmpty()) {
                    problem(path, "not a day of the week (monday ... sunday, or mon ... sun)");
                } else if (weekly.containsKey(day.get())) {
                    problem(path, "the same day is given twice");
                } else {
                    weekly.put(day.get(), spans(e.getValue(), path));
                }
            }
        }
        Set<LocalDate> holidays = new LinkedHashSet<>();
        JsonNode h = node.get("holidays");
        if (present(h)) {
            if (!h.isArray()) {
                problem(at + ".holidays", "must be a list of dates such as 2026-12-25");
            } else {
                for (int i = 0; i < h.size(); i++) {
                    try {
                        holidays.add(LocalDate.parse(h.get(i).asText()));
                    } catch (DateTimeParseException e) {
                        problem(at + ".holidays[" + i + "]", "must be a date such as 2026-12-25, got '"
                                + h.get(i).asText() + "'");
                    }
                }
            }
        }
        return zone == null || !ok ? Optional.empty() : Optional.of(new BusinessHours(zone, weekly, holidays));
    }

    private List<OpeningSpan> spans(JsonNode node, String at) {
        List<String> written = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> written.add(n.asText()));
        } else if (node.isValueNode() && !node.isNull()) {
            String text = node.asText().strip();
            if (!text.isEmpty() && !text.equalsIgnoreCase("closed")) {
                for (String part : text.split(",")) {
                    written.add(part.strip());
                }
            }
        } else {
            problem(at, "must be spans such as \"09:00-12:00, 13:00-17:00\", a list of them, or closed");
            return List.of();
        }
        List<OpeningSpan> spans = new ArrayList<>();
        for (String s : written) {
            Matcher m = SPAN.matcher(s);
            int from = m.matches() ? minutes(m.group(1), m.group(2)) : -1;
            int to = m.matches() ? minutes(m.group(3), m.group(4)) : -1;
            if (from < 0 || to < 0 || from >= 1440 || to > 1440 || from >= to) {
                problem(at, "'" + s + "' is not an opening span HH:MM-HH:MM that runs forward within the day "
                        + "(24:00 ends the day; a night shift is two spans on two days)");
                continue;
            }
            OpeningSpan span = new OpeningSpan(from, to);
            if (spans.stream().anyMatch(o -> o.fromMinute() < span.toMinute() && span.fromMinute() < o.toMinute())) {
                problem(at, "'" + s + "' overlaps another span of the same day");
                continue;
            }
            spans.add(span);
        }
        spans.sort((a, b) -> Integer.compare(a.fromMinute(), b.fromMinute()));
        return spans;
    }

    private static int minutes(String hh, String mm) {
        int h = Integer.parseInt(hh);
        int m = Integer.parseInt(mm);
        return h > 24 || m > 59 || (h == 24 && m != 0) ? -1 : h * 60 + m;
    }

    private static Optional<DayOfWeek> day(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (n.equals(full) || n.equals(full.substring(0, 3))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    // --- auto replies --------------------------------------------------------------------------

    private Optional<AutoReplies> autoReplies(JsonNode node, String at) {
        if (!mapping(node, at, AUTO_KEYS)) {
            return Optional.empty();
        }
        Optional<OutboundMessage> away = present(node.get("away")) ? reply(node.get("away"), at + ".away")
                : Optional.empty();
        Optional<OutboundMessage> greeting = present(node.get("greeting"))
                ? reply(node.get("greeting"), at + ".greeting") : Optional.empty();
        List<KeywordRule> rules = new ArrayList<>();
        JsonNode k = node.get("keywords");
        if (present(k)) {
            if (!k.isArray()) {
                problem(at + ".keywords", "must be a list of rules, each with word or pattern, and reply");
            } else {
                for (int i = 0; i < k.size(); i++) {
                    rule(k.get(i), at + ".keywords[" + i + "]").ifPresent(rules::add);
                }
            }
        }
        Duration interval = AutoReplies.DEFAULT_MIN_INTERVAL;
        if (present(node.get("min_interval"))) {
            interval = duration(node.get("min_interval"), at + ".min_interval").orElse(interval);
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new AutoReplies(away, greeting, rules, interval));
    }

    private Optional<KeywordRule> rule(JsonNode node, String at) {
        if (!mapping(node, at, RULE_KEYS)) {
            return Optional.empty();
        }
        Optional<String> language = Optional.empty();
        if (present(node.get("language"))) {
            String l = node.get("language").asText();
            if (!LANGUAGE.matcher(l).matches()) {
                problem(at + ".language", "must be a language code such as en or de_DE, got '" + l + "'");
            }
            language = Optional.of(l);
        }
        boolean word = present(node.get("word"));
        boolean regex = present(node.get("pattern"));
        Pattern pattern = null;
        if (word == regex) {
            problem(at, "needs exactly one of word and pattern");
        } else if (word) {
            String w = node.get("word").asText();
            if (w.isBlank()) {
                problem(at + ".word", "must not be blank");
            } else {
                pattern = KeywordRule.word(w);
            }
        } else {
            try {
                pattern = Pattern.compile(node.get("pattern").asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                problem(at + ".pattern", "not a valid regular expression: " + e.getDescription() + " at index "
                        + e.getIndex());
            }
        }
        Optional<OutboundMessage> reply = Optional.empty();
        if (!present(node.get("reply"))) {
            problem(at + ".reply", "required: text or template");
        } else {
            reply = reply(node.get("reply"), at + ".reply");
        }
        if (pattern == null || reply.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KeywordRule(language, pattern, reply.get()));
    }

    /** {@code { text: ... }} or {@code { template: { name, language, category, body_parameters } }}. */
    private Optional<OutboundMessage> reply(JsonNode node, String at) {
        if (!mapping(node, at, REPLY_KEYS)) {
            return Optional.empty();
        }
        boolean text = present(node.get("text"));
        boolean template = present(node.get("template"));
        if (text == template) {
            problem(at, "needs exactly one of text and template");
            return Optional.empty();
        }
        if (text) {
            JsonNode t = node.get("text");
            if (!t.isValueNode() || t.asText().isBlank()) {
                problem(at + ".text", "must be a non-blank text");
                return Optional.empty();
            }
            if (t.asText().length() > MAX_TEXT) {
                problem(at + ".text", "must be at most " + MAX_TEXT + " characters (WhatsApp's limit), got "
                        + t.asText().length());
                return Optional.empty();
            }
            return Optional.of(new OutboundMessage.Text(t.asText(), false));
        }
        return template(node.get("template"), at + ".template");
    }

    private Optional<OutboundMessage> template(JsonNode node, String at) {
        if (!mapping(node, at, TEMPLATE_KEYS)) {
            return Optional.empty();
        }
        boolean good = true;
        String name = node.path("name").asText("");
        if (name.isBlank()) {
            problem(at + ".name", "required: the approved template's name");
            good = false;
        }
        String language = node.path("language").asText("");
        if (!LANGUAGE.matcher(language).matches()) {
            problem(at + ".language", "required: a language code such as en or en_US"
                    + (language.isEmpty() ? "" : ", got '" + language + "'"));
            good = false;
        }
        TemplateCategory category = null;
        try {
            category = TemplateCategory.fromWire(node.path("category").asText(""));
        } catch (IllegalArgumentException e) {
            problem(at + ".category", "must be utility, marketing or authentication");
            good = false;
        }
        List<String> parameters = new ArrayList<>();
        JsonNode p = node.get("body_parameters");
        if (present(p)) {
            if (!p.isArray()) {
                problem(at + ".body_parameters", "must be a list of values");
                good = false;
            } else {
                p.forEach(v -> parameters.add(v.asText()));
            }
        }
        return good ? Optional.of(OutboundMessage.Template.of(name, language, category, parameters)) : Optional.empty();
    }

    // --- shared --------------------------------------------------------------------------------

    private Optional<Duration> duration(JsonNode node, String at) {
        try {
            Duration d = Durations.parse(node.asText());
            if (!d.isNegative() && !d.isZero()) {
                return Optional.of(d);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        problem(at, "must be a positive duration such as 30m, 1h or PT1H, got '" + node.asText() + "'");
        return Optional.empty();
    }

    /**
     * Whether {@code node} is a mapping, to be read further; keys other than {@code known} (any
     * keys when null) are reported, and the known ones still read, so one run tells everything.
     */
    private boolean mapping(JsonNode node, String at, Set<String> known) {
        if (!node.isObject()) {
            problem(at, "must be a mapping" + (known == null ? "" : " with " + String.join(", ", sorted(known))));
            return false;
        }
        if (known != null) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    problem(at + "." + key, "unknown setting; expected one of " + String.join(", ", sorted(known)));
                }
            }
        }
        return true;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private void problem(String path, String message) {
        ok = false;
        problems.accept(new ConfigProblem(path, message));
    }
}
