package dev.deskbridge.host.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Tells the demo's story in the terminal: progress lines while things start, then each simulated
 * moment with what happened and what DeskBridge did about it. Plain ASCII, so any terminal shows
 * it. Keeps every line it printed, so a test can read the story back.
 */
public final class Narrator {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final long started = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private LocalDate day;
    private Instant now;

    public Narrator(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** A title line. */
    public void title(String text) {
        print(text);
    }

    /** A section heading, after a blank line. */
    public void section(String text) {
        print("");
        print(text);
    }

    /** A start-up step, with the seconds since the demo began. */
    public void progress(String text) {
        print(String.format(Locale.ROOT, "  [%4.1fs] %s", (System.nanoTime() - started) / 1e9, text));
    }

    /** Moves the story to a simulated moment; a new day gets a heading. */
    public void at(Instant instant) {
        this.now = Objects.requireNonNull(instant, "instant");
        LocalDate d = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        if (!d.equals(day)) {
            day = d;
            section("--- " + DAY.format(instant) + " (simulated clock, UTC) ---");
        }
    }

    /** Something that happened at the current moment. */
    public void event(String text) {
        print(TIME.format(requireNow()) + "  " + text);
    }

    /** What DeskBridge did about it. */
    public void result(String text) {
        print("         -> " + text);
    }

    /** A plain line. */
    public void line(String text) {
        print(text);
    }

    /** Every line printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** An instant as the story tells it: {@code Wed 11 Nov 09:00 UTC}. */
    public static String when(Instant instant) {
        return WHEN.format(instant);
    }

    /** A duration as {@code 23h 56m}. */
    public static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return minutes >= 60 ? (minutes / 60) + "h " + String.format(Locale.ROOT, "%02dm", minutes % 60) : minutes + "m";
    }

    private Instant requireNow() {
        if (now == null) {
            throw new IllegalStateException("no simulated moment yet: call at() first");
        }
        return now;
    }

    private void print(String line) {
        synchronized (lines) {
            lines.add(line);
        }
        out.println(line);
        out.flush();
    }
}
