package dev.deskbridge.host.config.answering;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a route's {@code hours:} (zone, weekly spans, holidays), reporting problems by path. */
final class HoursReader {
    private static final Pattern SPAN = Pattern.compile("(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})");
    private static final Set<String> HOURS_KEYS = Set.of("zone", "weekly", "holidays");

    private final ReadProblems p;

    HoursReader(ReadProblems p) {
        this.p = p;
    }

    Optional<BusinessHours> hours(JsonNode node, String at) {
        if (!p.mapping(node, at, HOURS_KEYS)) {
            return Optional.empty();
        }
        ZoneId zone = null;
        JsonNode z = node.get("zone");
        if (!ReadProblems.present(z)) {
            p.problem(at + ".zone", "required: a time zone such as Europe/Berlin");
        } else {
            try {
                zone = ZoneId.of(z.asText());
            } catch (DateTimeException e) {
                p.problem(at + ".zone", "not a known time zone, got '" + z.asText() + "' (use a name such as "
                        + "Europe/Berlin or America/New_York)");
            }
        }
        Map<DayOfWeek, List<OpeningSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        JsonNode w = node.get("weekly");
        if (!ReadProblems.present(w)) {
            p.problem(at + ".weekly", "required: the opening spans per day, for example monday: \"09:00-17:00\"");
        } else if (p.mapping(w, at + ".weekly", null)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = at + ".weekly." + e.getKey();
                Optional<DayOfWeek> day = day(e.getKey());
                if (day.isEmpty()) {
                    p.problem(path, "not a day of the week (monday ... sunday, or mon ... sun)");
                } else if (weekly.containsKey(day.get())) {
                    p.problem(path, "the same day is given twice");
                } else {
                    weekly.put(day.get(), spans(e.getValue(), path));
                }
            }
        }
        Set<LocalDate> holidays = new LinkedHashSet<>();
        JsonNode h = node.get("holidays");
        if (ReadProblems.present(h)) {
            if (!h.isArray()) {
                p.problem(at + ".holidays", "must be a list of dates such as 2026-12-25");
            } else {
                for (int i = 0; i < h.size(); i++) {
                    try {
                        holidays.add(LocalDate.parse(h.get(i).asText()));
                    } catch (DateTimeParseException e) {
                        p.problem(at + ".holidays[" + i + "]", "must be a date such as 2026-12-25, got '"
                                + h.get(i).asText() + "'");
                    }
                }
            }
        }
        return zone == null || !p.ok() ? Optional.empty() : Optional.of(new BusinessHours(zone, weekly, holidays));
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
            p.problem(at, "must be spans such as \"09:00-12:00, 13:00-17:00\", a list of them, or closed");
            return List.of();
        }
        List<OpeningSpan> spans = new ArrayList<>();
        for (String s : written) {
            Matcher m = SPAN.matcher(s);
            int from = m.matches() ? minutes(m.group(1), m.group(2)) : -1;
            int to = m.matches() ? minutes(m.group(3), m.group(4)) : -1;
            if (from < 0 || to < 0 || from >= 1440 || to > 1440 || from >= to) {
                p.problem(at, "'" + s + "' is not an opening span HH:MM-HH:MM that runs forward within the day "
                        + "(24:00 ends the day; a night shift is two spans on two days)");
                continue;
            }
            OpeningSpan span = new OpeningSpan(from, to);
            if (spans.stream().anyMatch(o -> o.fromMinute() < span.toMinute() && span.fromMinute() < o.toMinute())) {
                p.problem(at, "'" + s + "' overlaps another span of the same day");
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
}
