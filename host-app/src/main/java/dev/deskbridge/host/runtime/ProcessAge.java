package dev.deskbridge.host.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How long ago this process started, from Linux's {@code /proc}: the seconds since boot ({@code
 * /proc/uptime}, to 10 ms) less the process's start in clock ticks since boot ({@code /proc/self/stat},
 * field 22). Both count from the same boot, so neither the boot's wall-clock time (whole seconds in
 * {@code /proc/stat}) nor the clock's adjustments enter.
 */
final class ProcessAge {
    /** Linux's USER_HZ, which {@code /proc} counts clock ticks in: 100 on every architecture Linux builds for Java. */
    static final int TICKS_PER_SECOND = 100;
    /** The start time's field in {@code /proc/[pid]/stat}, counted from 1. */
    private static final int START_TIME_FIELD = 22;

    private ProcessAge() {}

    /** The process's age in ms; empty where {@code proc} has no such files or they read otherwise than expected. */
    static OptionalLong millis(Path proc) {
        try {
            String uptime = Files.readString(proc.resolve("uptime"), StandardCharsets.US_ASCII);
            String stat = Files.readString(proc.resolve("self").resolve("stat"), StandardCharsets.US_ASCII);
            return millis(uptime, stat);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** From the two files' contents; empty when they do not parse or give no plausible age. */
    static OptionalLong millis(String uptime, String stat) {
        try {
            long sinceBootMillis = Math.round(Double.parseDouble(uptime.strip().split("\\s+")[0]) * 1000);
            // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
            String[] after = stat.substring(stat.lastIndexOf(')') + 1).strip().split("\\s+");
            long startTicks = Long.parseLong(after[START_TIME_FIELD - 3]);
            long age = sinceBootMillis - startTicks * 1000 / TICKS_PER_SECOND;
            return age >= 0 && age <= sinceBootMillis ? OptionalLong.of(age) : OptionalLong.empty();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
