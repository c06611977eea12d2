package dev.deskbridge.host.engine;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a text too long for one message into parts a channel takes ({@code ChannelSession.maxTextLength()}),
 * in order, losing nothing: the parts put together are the text, less any part that would hold only
 * white space (a provider refuses an empty body). A part ends, by preference, after a line break near
 * its end, else after a space there, else at its limit, but never inside a character (a surrogate
 * pair, a letter and its accents).
 */
final class TextParts {
    /** The smallest part that holds any character: a surrogate pair. */
    static final int MIN_LENGTH = 2;

    private TextParts() {}

    /**
     * The parts of {@code text}, each at most {@code max} chars; the text alone when it fits.
     *
     * @param max the channel's limit; below {@link #MIN_LENGTH} it is taken as that
     */
    static List<String> split(String text, int max) {
        int limit = Math.max(MIN_LENGTH, max);
        if (text.length() <= limit) {
            return List.of(text);
        }
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (text.length() - start > limit) {
            int end = end(text, start, limit, characters);
            add(parts, text.substring(start, end));
            start = end;
        }
        add(parts, text.substring(start));
        return parts;
    }

    private static void add(List<String> parts, String part) {
        if (!part.isBlank()) {
            parts.add(part);
        }
    }

    /**
     * Where the part from {@code start} ends: after the last run of white space holding a line break
     * in its last quarter, else after the last run of white space there (so the next part starts with
     * a word), else at the last character boundary within the limit.
     */
    private static int end(String text, int start, int limit, BreakIterator characters) {
        int hardEnd = start + limit;
        int from = hardEnd - limit / 4;
        int afterSpace = -1;
        for (int i = hardEnd; i > from; i--) {
            if (!Character.isWhitespace(text.charAt(i - 1)) || Character.isWhitespace(text.charAt(i))) {
                continue;
            }
            int runStart = i - 1;
            while (runStart > start && Character.isWhitespace(text.charAt(runStart - 1))) {
                runStart--;
            }
            if (text.substring(runStart, i).indexOf('\n') >= 0) {
                return i;
            }
            if (afterSpace < 0) {
                afterSpace = i;
            }
            i = runStart + 1;
        }
        if (afterSpace > 0) {
            return afterSpace;
        }
        int end = characters.isBoundary(hardEnd) ? hardEnd : characters.preceding(hardEnd);
        if (end > start) {
            return end;
        }
        // One "character" longer than a part (a letter under hundreds of accents): cut between code points.
        return Character.isHighSurrogate(text.charAt(hardEnd - 1)) ? hardEnd - 1 : hardEnd;
    }
}
