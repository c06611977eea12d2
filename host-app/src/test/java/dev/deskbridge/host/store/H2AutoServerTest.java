package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database's side port (for the CLI beside a running host) stays on loopback. */
class H2AutoServerTest {

    @Test
    void autoServerPortIsReachableOnLoopbackOnly(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(Database.h2File(dir.resolve("db")), 2)) {
            Properties lock = new Properties();
            try (InputStream in = Files.newInputStream(dir.resolve("db.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            assertThat(server).as("H2 auto-server address in the lock file").isNotBlank();
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                assertThat(s.isConnected()).isTrue();
            }
            // Where the port is bound, read from the kernel's socket table (no traffic to other addresses).
            Path tcp = Path.of("/proc/net/tcp");
            assumeTrue(Files.isReadable(tcp), "needs Linux /proc/net/tcp");
            String portHex = String.format("%04X", port);
            List<String> listeners = new java.util.ArrayList<>();
            for (Path table : List.of(tcp, Path.of("/proc/net/tcp6"))) {
                if (Files.isReadable(table)) {
                    Files.readAllLines(table).stream().skip(1)
                            .map(l -> l.trim().split("\\s+"))
                            .filter(f -> f[1].endsWith(":" + portHex) && f[3].equals("0A"))
                            .forEach(f -> listeners.add(f[1]));
                }
            }
            assertThat(listeners).as("listening sockets on port " + port).isNotEmpty()
                    .allSatisfy(local -> assertThat(local).isIn("0100007F:" + portHex,
                            "00000000000000000000000001000000:" + portHex,
                            "0000000000000000FFFF00000100007F:" + portHex));
        }
    }
}
