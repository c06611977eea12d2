package dev.deskbridge.host.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Whether a database's schema is already exactly what this build ships: every versioned migration
 * of {@code db/migration} recorded in Flyway's history as successful with the same checksum, and
 * nothing else. Then a restart need not start Flyway at all (its set-up, classpath scan and
 * validation are the larger part of opening an existing database). Anything else, and anything
 * this check cannot read, answers "not known to be current", and Flyway migrates and validates
 * as always.
 */
final class SchemaHistory {
    /** Flyway's versioned migration file names: V, the version (parts separated by _), __, a description. */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
    private static final String LOCATION = "db/migration";

    private SchemaHistory() {}

    /** True only when the schema is known to be current; false when unsure. */
    static boolean current(DataSource dataSource) {
        Map<String, Integer> shipped = shipped();
        if (shipped.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            return shipped.equals(applied(c));
        } catch (SQLException | RuntimeException e) {
            // No history table yet (a new database) or one this check cannot read.
            return false;
        }
    }

    /** Version → checksum of each successful versioned migration in Flyway's history; null when one failed. */
    static Map<String, Integer> applied(Connection c) throws SQLException {
        Map<String, Integer> applied = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, checksum, success FROM flyway_schema_history")) {
            while (rs.next()) {
                String version = rs.getString(1);
                if (version == null) {
                    continue; // a repeatable migration; this build ships none, so the map differs below
                }
                int checksum = rs.getInt(2);
                if (!rs.getBoolean(3) || rs.wasNull()) {
                    return null;
                }
                applied.put(version, checksum);
            }
        }
        return applied;
    }

    /** Version → Flyway checksum of each versioned migration this build ships; empty when they cannot be listed. */
    static Map<String, Integer> shipped() {
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        URL folder = loader.getResource(LOCATION);
        Map<String, Integer> shipped = new HashMap<>();
        try {
            if (folder == null) {
                return Map.of();
            }
            for (String name : names(folder)) {
                Matcher m = VERSIONED.matcher(name);
                if (!m.matches()) {
                    return Map.of(); // a file Flyway would treat in a way this check does not: let Flyway decide
                }
                try (InputStream in = loader.getResourceAsStream(LOCATION + "/" + name)) {
                    if (in == null) {
                        return Map.of();
                    }
                    shipped.put(m.group(1).replace('_', '.'), checksum(in));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Map.of();
        }
        return shipped;
    }

    /** The file names directly in the migrations folder, from the host's jar or a classes folder. */
    private static Iterable<String> names(URL folder) throws IOException, URISyntaxException {
        if (folder.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) folder.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                return jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(LOCATION + "/") && n.length() > LOCATION.length() + 1)
                        .map(n -> n.substring(LOCATION.length() + 1))
                        .filter(n -> !n.contains("/"))
                        .toList();
            }
        }
        if (folder.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            }
        }
        throw new IOException("migrations at " + folder.getProtocol() + " URLs are not listed here");
    }

    /** Flyway's checksum of a migration: CRC32 of each line's UTF-8 bytes, line ends left out, a BOM dropped. */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean first = true;
        for (String line; (line = reader.readLine()) != null; ) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }
}
