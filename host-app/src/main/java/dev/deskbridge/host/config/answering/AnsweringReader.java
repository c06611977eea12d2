package dev.deskbridge.host.config.answering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a route's {@code hours:}, {@code auto_replies:} and {@code response_target:}, reporting
 * every problem under its path ({@code routes[0].auto_replies.keywords[1].pattern: ...}).
 */
public final class AnsweringReader {
    /** The route keys this reader owns. */
    public static final Set<String> KEYS = Set.of("hours", "auto_replies", "response_target");

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2,4})?");
    private static final Set<String> AUTO_KEYS = Set.of("away", "greeting", "keywords", "min_interval");
    private static final Set<String> REPLY_KEYS = Set.of("text", "template");
    private static final Set<String> TEMPLATE_KEYS = Set.of("name", "language", "category", "body_parameters");
    private static final Set<String> RULE_KEYS = Set.of("word", "pattern", "language", "reply");
    /** WhatsApp's limit on a text message's body. */
    private static final int MAX_TEXT = 4096;

    private final ReadProblems p;

    private AnsweringReader(Consumer<ConfigProblem> problems) {
        this.p = new ReadProblems(problems);
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
        Optional<BusinessHours> hours = ReadProblems.present(route.get("hours"))
                ? new HoursReader(p).hours(route.get("hours"), at + ".hours") : Optional.empty();
        Optional<AutoReplies> auto = ReadProblems.present(route.get("auto_replies"))
                ? autoReplies(route.get("auto_replies"), at + ".auto_replies") : Optional.empty();
        Duration target = Answering.DEFAULT_RESPONSE_TARGET;
        if (ReadProblems.present(route.get("response_target"))) {
            target = p.duration(route.get("response_target"), at + ".response_target").orElse(target);
        }
        if (auto.flatMap(AutoReplies::away).isPresent() && hours.isEmpty() && !ReadProblems.present(route.get("hours"))) {
            p.problem(at + ".auto_replies.away", "needs the route's hours (the away message is sent outside them)");
        }
        return p.ok() ? Optional.of(new Answering(hours, auto, target)) : Optional.empty();
    }

    // --- auto replies --------------------------------------------------------------------------

    private Optional<AutoReplies> autoReplies(JsonNode node, String at) {
        if (!p.mapping(node, at, AUTO_KEYS)) {
            return Optional.empty();
        }
        Optional<OutboundMessage> away = ReadProblems.present(node.get("away")) ? reply(node.get("away"), at + ".away")
                : Optional.empty();
        Optional<OutboundMessage> greeting = ReadProblems.present(node.get("greeting"))
                ? reply(node.get("greeting"), at + ".greeting") : Optional.empty();
        List<KeywordRule> rules = new ArrayList<>();
        JsonNode k = node.get("keywords");
        if (ReadProblems.present(k)) {
            if (!k.isArray()) {
                p.problem(at + ".keywords", "must be a list of rules, each with word or pattern, and reply");
            } else {
                for (int i = 0; i < k.size(); i++) {
                    rule(k.get(i), at + ".keywords[" + i + "]").ifPresent(rules::add);
                }
            }
        }
        Duration interval = AutoReplies.DEFAULT_MIN_INTERVAL;
        if (ReadProblems.present(node.get("min_interval"))) {
            interval = p.duration(node.get("min_interval"), at + ".min_interval").orElse(interval);
        }
        if (!p.ok()) {
            return Optional.empty();
        }
        return Optional.of(new AutoReplies(away, greeting, rules, interval));
    }

    private Optional<KeywordRule> rule(JsonNode node, String at) {
        if (!p.mapping(node, at, RULE_KEYS)) {
            return Optional.empty();
        }
        Optional<String> language = Optional.empty();
        if (ReadProblems.present(node.get("language"))) {
            String l = node.get("language").asText();
            if (!LANGUAGE.matcher(l).matches()) {
                p.problem(at + ".language", "must be a language code such as en or de_DE, got '" + l + "'");
            }
            language = Optional.of(l);
        }
        boolean word = ReadProblems.present(node.get("word"));
        boolean regex = ReadProblems.present(node.get("pattern"));
        Pattern pattern = null;
        if (word == regex) {
            p.problem(at, "needs exactly one of word and pattern");
        } else if (word) {
            String w = node.get("word").asText();
            if (w.isBlank()) {
                p.problem(at + ".word", "must not be blank");
            } else {
                pattern = KeywordRule.word(w);
            }
        } else {
            try {
                pattern = Pattern.compile(node.get("pattern").asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                p.problem(at + ".pattern", "not a valid regular expression: " + e.getDescription() + " at index "
                        + e.getIndex());
            }
        }
        Optional<OutboundMessage> reply = Optional.empty();
        if (!ReadProblems.present(node.get("reply"))) {
            p.problem(at + ".reply", "required: text or template");
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
        if (!p.mapping(node, at, REPLY_KEYS)) {
            return Optional.empty();
        }
        boolean text = ReadProblems.present(node.get("text"));
        boolean template = ReadProblems.present(node.get("template"));
        if (text == template) {
            p.problem(at, "needs exactly one of text and template");
            return Optional.empty();
        }
        if (text) {
            JsonNode t = node.get("text");
            if (!t.isValueNode() || t.asText().isBlank()) {
                p.problem(at + ".text", "must be a non-blank text");
                return Optional.empty();
            }
            if (t.asText().length() > MAX_TEXT) {
                p.problem(at + ".text", "must be at most " + MAX_TEXT + " characters (WhatsApp's limit), got "
                        + t.asText().length());
                return Optional.empty();
            }
            return Optional.of(new OutboundMessage.Text(t.asText(), false));
        }
        return template(node.get("template"), at + ".template");
    }

    private Optional<OutboundMessage> template(JsonNode node, String at) {
        if (!p.mapping(node, at, TEMPLATE_KEYS)) {
            return Optional.empty();
        }
        boolean good = true;
        String name = node.path("name").asText("");
        if (name.isBlank()) {
            p.problem(at + ".name", "required: the approved template's name");
            good = false;
        }
        String language = node.path("language").asText("");
        if (!LANGUAGE.matcher(language).matches()) {
            p.problem(at + ".language", "required: a language code such as en or en_US"
                    + (language.isEmpty() ? "" : ", got '" + language + "'"));
            good = false;
        }
        TemplateCategory category = null;
        try {
            category = TemplateCategory.fromWire(node.path("category").asText(""));
        } catch (IllegalArgumentException e) {
            p.problem(at + ".category", "must be utility, marketing or authentication");
            good = false;
        }
        List<String> parameters = new ArrayList<>();
        JsonNode params = node.get("body_parameters");
        if (ReadProblems.present(params)) {
            if (!params.isArray()) {
                p.problem(at + ".body_parameters", "must be a list of values");
                good = false;
            } else {
                params.forEach(v -> parameters.add(v.asText()));
            }
        }
        return good ? Optional.of(OutboundMessage.Template.of(name, language, category, parameters)) : Optional.empty();
    }


}
