package dev.deskbridge.host.plugins;

import dev.deskbridge.connector.api.ApiVersion;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.host.config.PluginsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// size: the checks made on a plugin file before PF4J loads it and the loading itself are one ordered
// procedure.
/**
 * Loads every {@code .jar} file of the plugins folder with PF4J and keeps the connectors they
 * provide. One broken file never stops the others: each file gets a {@link PluginReport}, with
 * the reason when it failed. Checks that can be made on the file itself (trusted digest, readable
 * jar, descriptor, required connector API version) run before PF4J loads anything from it, so an untrusted
 * file never has a class loaded.
 *
 * <p>Closing stops and unloads the plugins; their connectors must not be used afterwards.
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern EXACT_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    /** The entries PF4J and the JDK read whole to describe a plugin, and how large each may be unpacked. */
    private static final List<String> DESCRIBING_ENTRIES = List.of("META-INF/MANIFEST.MF", "plugin.properties",
            "META-INF/extensions.idx");
    private static final int DESCRIBING_ENTRY_LIMIT = 1024 * 1024;
    /** How long a plugin's {@code start()} may take; one that hangs is reported and the others go on. */
    static final java.time.Duration START_DEADLINE = java.time.Duration.ofSeconds(10);

    private final DeskBridgePluginManager manager;
    private final List<PluginReport> reports;
    private final List<Provided<CrmConnector>> crms;
    private final List<Provided<MessagingChannel>> channels;

    private PluginHost(DeskBridgePluginManager manager, List<PluginReport> reports,
            List<Provided<CrmConnector>> crms, List<Provided<MessagingChannel>> channels) {
        this.manager = manager;
        this.reports = List.copyOf(reports);
        this.crms = List.copyOf(crms);
        this.channels = List.copyOf(channels);
    }

    /**
     * Loads the plugin files of {@code config.dir()}, in file-name order, each checked against
     * this host's connector API version ({@link ApiVersion#current()}).
     *
     * @throws IOException when the folder cannot be listed (a missing folder holds no plugins)
     */
    public static PluginHost load(PluginsConfig config) throws IOException {
        return load(config, ApiVersion.current());
    }

    /**
     * Loads the plugin files of {@code config.dir()}, in file-name order.
     *
     * @param apiVersion the connector API version each plugin's {@code Plugin-Requires} is checked
     *     against (PF4J's system version)
     * @throws IOException when the folder cannot be listed (a missing folder holds no plugins)
     */
    public static PluginHost load(PluginsConfig config, String apiVersion) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Path dir = config.dir();
        DeskBridgePluginManager manager = new DeskBridgePluginManager(dir, apiVersion);
        List<PluginReport> reports = new ArrayList<>();
        List<Provided<CrmConnector>> crms = new ArrayList<>();
        List<Provided<MessagingChannel>> channels = new ArrayList<>();
        for (Path file : jarFiles(dir)) {
            // A link to a release folder that was removed, a folder named like a jar: said, not skipped in silence.
            PluginReport report = Files.isRegularFile(file)
                    ? new FileLoader(manager, config.trusted(), apiVersion, file).load(crms, channels)
                    : new PluginReport(file, PluginReport.State.FAILED, Optional.empty(), Optional.empty(),
                            Optional.empty(), List.of(), List.of(notAFile(file)));
            if (!report.started()) {
                log.warn("plugin file {} not loaded: {}", report.fileName(), report.reason());
            }
            reports.add(report);
        }
        return new PluginHost(manager, reports, crms, channels);
    }

    private static List<Path> jarFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    private static String notAFile(Path file) {
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            return "a link to something that does not exist";
        }
        return Files.isDirectory(file) ? "a folder, not a jar file" : "not a regular file (a pipe or a device?)";
    }

    /** One report per plugin file, in file-name order. */
    public List<PluginReport> reports() {
        return reports;
    }

    /** The CRM connectors of the started plugins. */
    public List<Provided<CrmConnector>> crmConnectors() {
        return crms;
    }

    /** The messaging channels of the started plugins. */
    public List<Provided<MessagingChannel>> channels() {
        return channels;
    }

    /**
     * Links the loaded classes of every started plugin, for a start that records the class data
     * archive ({@link PluginJarClassLoader#linkLoadedClasses}).
     *
     * @return how many classes were linked
     * @throws IOException when a plugin's jar cannot be listed
     */
    public int linkLoadedClasses() throws IOException {
        int linked = 0;
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginClassLoader() instanceof PluginJarClassLoader loader) {
                linked += loader.linkLoadedClasses();
            }
        }
        return linked;
    }

    @Override
    public void close() {
        // One by one, newest first: PF4J 3.15's stopPlugins() modifies the list it iterates
        // (pf4j/pf4j#656). unloadPlugin stops the plugin first and closes its class loader.
        List<PluginWrapper> loaded = new ArrayList<>(manager.getPlugins());
        java.util.Collections.reverse(loaded);
        for (PluginWrapper plugin : loaded) {
            try {
                manager.unloadPlugin(plugin.getPluginId());
            } catch (RuntimeException | LinkageError e) {
                log.warn("plugin {} did not unload cleanly: {}", plugin.getPluginId(), describe(e));
            }
        }
    }

    /** Loads one file; every way it can go wrong becomes a report, never an exception. */
    private static final class FileLoader {
        private final DeskBridgePluginManager manager;
        private final Optional<Set<String>> trusted;
        private final String apiVersion;
        private final Path file;
        /** Only when checked against {@code plugins.trusted}: hashing a 10 MB plugin file is a good part of a start. */
        private String sha256;
        private PluginDescriptor descriptor;

        FileLoader(DeskBridgePluginManager manager, Optional<Set<String>> trusted, String apiVersion, Path file) {
            this.manager = manager;
            this.trusted = trusted;
            this.apiVersion = apiVersion;
            this.file = file;
        }

        PluginReport load(List<Provided<CrmConnector>> crms, List<Provided<MessagingChannel>> channels) {
            if (trusted.isPresent()) {
                try {
                    sha256 = FileDigest.sha256(file);
                } catch (IOException e) {
                    return failed("cannot read the file: " + describe(e));
                }
                if (!trusted.get().contains(sha256)) {
                    return report(PluginReport.State.REFUSED, List.of(),
                            List.of("not trusted: its SHA-256 digest is not listed in plugins.trusted"));
                }
            }
            String unreadable = checkJar();
            if (unreadable != null) {
                return failed(unreadable);
            }
            try {
                descriptor = manager.describe(file);
            } catch (RuntimeException e) {
                return failed("no PF4J plugin descriptor could be read: " + describe(e));
            }
            if (descriptor == null || blank(descriptor.getPluginId())) {
                return failed("not a PF4J plugin: no Plugin-Id in META-INF/MANIFEST.MF and no plugin.properties");
            }
            if (blank(descriptor.getVersion())) {
                return failed("the plugin descriptor has no Plugin-Version");
            }
            String incompatible = checkRequires();
            if (incompatible != null) {
                return failed(incompatible);
            }
            PluginWrapper loadedAlready = manager.getPlugin(descriptor.getPluginId());
            if (loadedAlready != null) {
                return failed("plugin id '" + descriptor.getPluginId() + "' is already loaded from "
                        + loadedAlready.getPluginPath().getFileName());
            }
            return start(crms, channels);
        }

        /** Null when the file is a readable jar, else why not. */
        private String checkJar() {
            try (JarFile jar = new JarFile(file.toFile(), false)) {
                for (String name : DESCRIBING_ENTRIES) {
                    java.util.zip.ZipEntry entry = jar.getEntry(name);
                    // Read whole by PF4J and the JDK: a compressed gigabyte of one line would end the host.
                    if (entry != null && !withinLimit(jar, entry)) {
                        return name + " is over " + DESCRIBING_ENTRY_LIMIT / 1024 + " KiB unpacked: not a plugin's";
                    }
                }
                if (jar.getManifest() == null && jar.getEntry("plugin.properties") == null) {
                    // Said here: PF4J's manifest finder would fail on it with a NullPointerException's stack trace.
                    return "not a PF4J plugin: the jar has no META-INF/MANIFEST.MF and no plugin.properties";
                }
                return null;
            } catch (ZipException e) {
                return "not a readable jar file (truncated or corrupt): " + e.getMessage();
            } catch (IOException | RuntimeException e) {
                return "not a readable jar file: " + describe(e);
            }
        }

        /** Whether the entry unpacks to at most the limit, counted as read (a declared size can lie). */
        private static boolean withinLimit(JarFile jar, java.util.zip.ZipEntry entry) throws IOException {
            try (java.io.InputStream in = jar.getInputStream(entry)) {
                byte[] buffer = new byte[8192];
                long total = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (total > DESCRIBING_ENTRY_LIMIT) {
                        return false;
                    }
                }
                return true;
            }
        }

        /** Null when this host's connector API satisfies the plugin's Plugin-Requires, else why not. */
        private String checkRequires() {
            String requires = descriptor.getRequires() == null ? "*" : descriptor.getRequires().trim();
            if (requires.isEmpty()) {
                return null;
            }
            // As PF4J does: a bare version means "this version or newer".
            String constraint = EXACT_VERSION.matcher(requires).matches() ? ">=" + requires : requires;
            try {
                if (manager.getVersionManager().checkVersionConstraint(apiVersion, constraint)) {
                    return null;
                }
                return "requires connector API " + requires + ", but this host provides connector API " + apiVersion
                        + ": use a DeskBridge host with that API, or a plugin built for this one";
            } catch (RuntimeException e) {
                return "Plugin-Requires '" + requires + "' is not a version constraint: " + describe(e);
            }
        }

        private PluginReport start(List<Provided<CrmConnector>> crms, List<Provided<MessagingChannel>> channels) {
            String id;
            try {
                id = manager.loadPlugin(file);
            } catch (RuntimeException | LinkageError e) {
                return failed("PF4J could not load it: " + describe(e));
            }
            PluginState state;
            try {
                state = startWithin(id);
            } catch (java.util.concurrent.TimeoutException e) {
                // Its thread is still in the plugin's code: it is neither used nor unloaded under it.
                return failed("the plugin's start() did not return within " + START_DEADLINE.toSeconds() + " s");
            } catch (RuntimeException | LinkageError e) {
                return unload(id, "the plugin failed to start: " + describe(e));
            }
            if (state != PluginState.STARTED) {
                Throwable cause = manager.getPlugin(id).getFailedException();
                return unload(id, "the plugin did not start (state " + state + ")"
                        + (cause == null ? "" : ": " + describe(cause)));
            }
            ExtensionScan scan = ExtensionScan.of(manager, id, file.getFileName().toString());
            if (scan.problems().isEmpty() && scan.extensions().isEmpty()) {
                return unload(id, "provides no CrmConnector or MessagingChannel: "
                        + "META-INF/extensions.idx is missing or empty");
            }
            if (!scan.problems().isEmpty()) {
                return unload(id, scan.problems());
            }
            crms.addAll(scan.crms());
            channels.addAll(scan.channels());
            return report(PluginReport.State.STARTED, scan.extensions(), List.of());
        }

        /** Starts the plugin on a thread of its own, so one whose start() hangs cannot hold up the host. */
        private PluginState startWithin(String id) throws java.util.concurrent.TimeoutException {
            java.util.concurrent.FutureTask<PluginState> start = new java.util.concurrent.FutureTask<>(
                    () -> manager.startPlugin(id));
            Thread thread = new Thread(start, "plugin-start-" + id);
            thread.setDaemon(true);
            thread.start();
            try {
                return start.get(START_DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while plugin " + id + " was starting", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }

        private PluginReport unload(String id, String problem) {
            return unload(id, List.of(problem));
        }

        private PluginReport unload(String id, List<String> problems) {
            try {
                manager.unloadPlugin(id);
            } catch (RuntimeException | LinkageError e) {
                log.debug("unloading failed plugin {} also failed", id, e);
            }
            return report(PluginReport.State.FAILED, List.of(), problems);
        }

        private PluginReport failed(String problem) {
            return report(PluginReport.State.FAILED, List.of(), List.of(problem));
        }

        private PluginReport report(PluginReport.State state, List<ProvidedExtension> extensions, List<String> problems) {
            return new PluginReport(file, state,
                    Optional.ofNullable(descriptor).map(PluginDescriptor::getPluginId),
                    Optional.ofNullable(descriptor).map(PluginDescriptor::getVersion),
                    Optional.ofNullable(sha256), extensions, problems);
        }
    }

    /** The extensions named in a started plugin's index, each loaded and asked for its type. */
    private record ExtensionScan(
            List<ProvidedExtension> extensions,
            List<Provided<CrmConnector>> crms,
            List<Provided<MessagingChannel>> channels,
            List<String> problems) {

        static ExtensionScan of(DeskBridgePluginManager manager, String pluginId, String source) {
            ExtensionScan scan = new ExtensionScan(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            ClassLoader loader = manager.getPluginClassLoader(pluginId);
            for (String className : manager.getExtensionClassNames(pluginId)) {
                try {
                    Class<?> type = Class.forName(className, true, loader);
                    boolean crm = CrmConnector.class.isAssignableFrom(type);
                    boolean channel = MessagingChannel.class.isAssignableFrom(type);
                    if (!crm && !channel) {
                        scan.problems.add("extension " + className + " implements neither CrmConnector nor MessagingChannel");
                        continue;
                    }
                    Object extension = manager.getExtensionFactory().create(type);
                    if (extension == null) {
                        scan.problems.add("extension " + className + " could not be created");
                        continue;
                    }
                    if (crm) {
                        scan.add(ConnectorKind.CRM, (CrmConnector) extension, ((CrmConnector) extension).type(),
                                ((CrmConnector) extension).configSpec(), className, source);
                    }
                    if (channel) {
                        scan.add(ConnectorKind.CHANNEL, (MessagingChannel) extension, ((MessagingChannel) extension).type(),
                                ((MessagingChannel) extension).configSpec(), className, source);
                    }
                } catch (RuntimeException | LinkageError | ClassNotFoundException e) {
                    scan.problems.add("extension " + className + " failed to load: " + describe(e));
                }
            }
            return scan;
        }

        private void add(ConnectorKind kind, Object extension, String type, Object spec, String className, String source) {
            if (type == null || !TYPE.matcher(type).matches()) {
                problems.add("extension " + className + " has type '" + type
                        + "'; a type is lower-case letters, digits and '-'");
                return;
            }
            if (spec == null) {
                problems.add("extension " + className + " returns no ConfigSpec");
                return;
            }
            extensions.add(new ProvidedExtension(kind, type, className));
            if (kind == ConnectorKind.CRM) {
                crms.add(new Provided<>(type, (CrmConnector) extension, source));
            } else {
                channels.add(new Provided<>(type, (MessagingChannel) extension, source));
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The throwable and its root cause, short: {@code NoClassDefFoundError: a/B}. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root == e) {
            return first;
        }
        return first + " (caused by " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }
}
