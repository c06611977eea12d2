package dev.deskbridge.benchmarks;

/**
 * A benchmark's {@code main} in miniature, for {@link DriverJvmProcessTest}: starts itself again through
 * {@link DriverJvm}, then starts a long-lived process (as a benchmark starts its hosts), prints both pids and
 * waits.
 */
final class DriverJvmProbe {
    private DriverJvmProbe() {}

    public static void main(String[] args) throws Exception {
        DriverJvm.useC1Only(DriverJvmProbe.class, args);
        Process host = new ProcessBuilder("sleep", "600").start();
        System.out.println("probe " + ProcessHandle.current().pid() + " host " + host.pid());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
