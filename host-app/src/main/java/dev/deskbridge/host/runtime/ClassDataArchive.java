package dev.deskbridge.host.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** Whether this JVM records a class data archive when it exits (the launcher's training start). */
public final class ClassDataArchive {
    private ClassDataArchive() {}

    /** True when the JVM was started with {@code -XX:ArchiveClassesAtExit}; false when unsure. */
    public static boolean recordedAtExit() {
        try {
            String file = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("ArchiveClassesAtExit").getValue();
            return file != null && !file.isEmpty();
        } catch (RuntimeException | LinkageError e) {
            // Another JVM than HotSpot, or no such option: nothing is recorded.
            return false;
        }
    }
}
