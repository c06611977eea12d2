package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.ConfigProblem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in one configuration value (as in a
 * shell, the default also applies when the variable is set but empty). A doubled dollar before a
 * brace ({@code $${NAME}}) stays literal as {@code ${NAME}}. Problems never quote the value, which
 * may hold a secret.
 */
final class EnvSubstitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("([^:}]*)(?::-([^}]*))?");

    /** The shortest environment value kept out of problems: tokens and secrets are longer, a port is not. */
    static final int HIDDEN_FROM = 8;

    private final EnvLookup env;

    EnvSubstitution(EnvLookup env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * The value with every reference replaced.
     *
     * @param path where the value sits, for problems
     * @param problems receives a problem per unset variable or malformed reference
     * @param taken receives each environment value of {@link #HIDDEN_FROM} characters or more with the
     *     reference it came from, so a problem that quotes a value (a secret put into a setting that is
     *     not secret) can show the reference instead
     */
    String substitute(String value, String path, List<ConfigProblem> problems, Map<String, String> taken) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    problems.add(new ConfigProblem(path, "unterminated ${ reference"));
                    return value;
                }
                out.append(resolve(value.substring(i + 2, end), path, problems, taken));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference, String path, List<ConfigProblem> problems,
            Map<String, String> taken) {
        Matcher m = REFERENCE.matcher(reference);
        if (!m.matches() || !NAME.matcher(m.group(1)).matches()) {
            problems.add(new ConfigProblem(path,
                    "malformed environment reference; use ${NAME} or ${NAME:-default}"));
            return "";
        }
        String name = m.group(1);
        String fallback = m.group(2);
        Optional<String> set = env.get(name).filter(v -> fallback == null || !v.isEmpty());
        set.filter(v -> v.length() >= HIDDEN_FROM).ifPresent(v -> taken.put(v, "${" + name + "}"));
        return set.orElseGet(() -> {
            if (fallback == null) {
                problems.add(new ConfigProblem(path, "environment variable " + name + " is not set"));
                return "";
            }
            return fallback;
        });
    }
}
