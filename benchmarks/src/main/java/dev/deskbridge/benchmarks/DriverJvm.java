package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JVM of a real-path benchmark (its client threads and the providers' stand-ins) shares the machine's
 * two cores with the host it measures, so what it spends is taken from the host. Left to C2, its JIT
 * compiled through every warm round: more than half of this JVM's CPU in them (BENCHMARKS.md, "The driver's
 * own JIT"). So a benchmark's {@code main} starts itself again with C1 alone, the host's own choice in
 * {@code jvm.options}, unless its JIT is set on the command line or {@code -Dbench.driverC2=true} keeps C2.
 * A JVM started with an agent, a log file or a flight recording is not started again: those watch this
 * JVM, and a second one would write to the same files.
 *
 * <p>The JVM that runs the benchmark ends the processes it started (its hosts) when it
 * exits, and a started-again child ends with the JVM that started it, even one killed with SIGKILL, which
 * runs no hook: a host left running would take the cores from every benchmark after it.
 */
final class DriverJvm {
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /** Set on a started-again child: the pid of the JVM that started it, whose end it follows. */
    static final String PARENT_PID = "bench.parentPid";
    private static final List<String> WATCHING = List.of("-agentpath:", "-agentlib:", "-javaagent:", "-Xlog:",
            "-XX:StartFlightRecording", "-XX:+FlightRecorder");

    private DriverJvm() {}

    /**
     * Returns when this JVM is to run the benchmark; otherwise runs {@code main} with {@code args} in a child
     * JVM that compiles with C1 alone (its output this one's) and exits with the child's status.
     */
    static void useC1Only(Class<?> main, String[] args) throws IOException, InterruptedException {
        Optional<List<String>> command = relaunch(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                main.getName(), args, Boolean.getBoolean("bench.driverC2"), ProcessHandle.current().pid());
        if (command.isEmpty()) {
            endsWithParent(System.getProperty(PARENT_PID));
            Runtime.getRuntime().addShutdownHook(new Thread(DriverJvm::endDescendants, "end-started-processes"));
            if (watched(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
                System.out.println("driver JVM: not started again with " + C1_ONLY + " (an agent, log file or recording "
                        + "watches this one); add it to the command line for figures comparable with BENCHMARKS.md");
            }
            return;
        }
        System.out.println("driver JVM: started again with " + C1_ONLY + ", so that its JIT does not take the host's "
                + "cores (-Dbench.driverC2=true keeps C2)");
        Process child = new ProcessBuilder(command.get()).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        System.exit(child.waitFor());
    }

    /**
     * The child's command line, or empty when this JVM's JIT is already chosen (by its options or {@code keepC2})
     * or something watches this JVM.
     */
    static Optional<List<String>> relaunch(String java, String classPath, List<String> jvmArgs, String mainClass,
            String[] args, boolean keepC2, long pid) {
        boolean jitChosen = jvmArgs.stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=")
                || a.equals("-XX:-TieredCompilation") || a.equals("-XX:+TieredCompilation"));
        if (keepC2 || jitChosen || watched(jvmArgs)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add(C1_ONLY);
        command.add("-D" + PARENT_PID + "=" + pid);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** Exits this JVM (its hooks run) when the process {@code parentPid} ends; nothing when it is null. */
    static void endsWithParent(String parentPid) {
        if (parentPid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> {
            System.err.println("driver JVM: the JVM that started this one (pid " + parentPid + ") ended; ending too");
            System.exit(143);
        }), () -> System.exit(143));
    }

    /** Asks every process this JVM started, and theirs, to end (SIGTERM), and waits a little for them. */
    static void endDescendants() {
        List<ProcessHandle> started = ProcessHandle.current().descendants().toList();
        started.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : started) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static boolean watched(List<String> jvmArgs) {
        return jvmArgs.stream().anyMatch(a -> WATCHING.stream().anyMatch(a::startsWith));
    }
}
