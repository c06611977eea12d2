package dev.deskbridge.host.runtime;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * The JDK's default TLS context, made on a thread of its own while the plugins load and the
 * database opens. Every provider client takes it (the WhatsApp channel's HTTP client, the Zendesk
 * plugin's Netty client) and the first to ask pays for reading and checking the JDK's trust store,
 * which was most of opening the sessions, on start-up's critical path. The JDK keeps the context
 * once made, so nothing here is handed over; a failure is left for the session that needs the
 * context to meet and report.
 */
public final class DefaultTlsContext {
    private DefaultTlsContext() {}

    /** Starts making the default context aside (a daemon thread), timed as the step "tls context". */
    public static void prepareAside(StartupTimeline timeline) {
        Thread thread = new Thread(() -> timeline.run("tls context", DefaultTlsContext::make), "deskbridge-tls");
        thread.setDaemon(true);
        thread.start();
    }

    private static void make() {
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // The session that needs TLS asks again and reports what is wrong, where it applies.
        }
    }
}
