package dev.deskbridge.host.plugins;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.MessagingChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Connectors built into the host (the WhatsApp Cloud channel), found with
 * {@link ServiceLoader} through {@code META-INF/services} files on the host's class path.
 *
 * @param crms the built-in CRM connectors
 * @param channels the built-in channels
 * @param problems providers that failed to load, with why
 */
public record BuiltInConnectors(
        List<Provided<CrmConnector>> crms, List<Provided<MessagingChannel>> channels, List<String> problems) {

    /** The source named in messages for a built-in connector. */
    public static final String SOURCE = "built into the host";

    public BuiltInConnectors {
        crms = List.copyOf(Objects.requireNonNull(crms, "crms"));
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }

    /** None: for tests of plugins alone. */
    public static BuiltInConnectors none() {
        return new BuiltInConnectors(List.of(), List.of(), List.of());
    }

    /** The built-ins of the host's own class path. */
    public static BuiltInConnectors load() {
        return load(BuiltInConnectors.class.getClassLoader());
    }

    /** The built-ins visible to a class loader. */
    public static BuiltInConnectors load(ClassLoader loader) {
        List<String> problems = new ArrayList<>();
        List<Provided<CrmConnector>> crms = new ArrayList<>();
        for (CrmConnector c : providers(CrmConnector.class, loader, problems)) {
            typed(c.type(), c, crms, problems);
        }
        List<Provided<MessagingChannel>> channels = new ArrayList<>();
        for (MessagingChannel c : providers(MessagingChannel.class, loader, problems)) {
            typed(c.type(), c, channels, problems);
        }
        return new BuiltInConnectors(crms, channels, problems);
    }

    private static <T> void typed(String type, T connector, List<Provided<T>> out, List<String> problems) {
        if (type == null || type.isBlank()) {
            problems.add("built-in " + connector.getClass().getName() + " has no type");
        } else {
            out.add(new Provided<>(type, connector, SOURCE));
        }
    }

    /** Every provider that loads; one that fails is reported and skipped. */
    private static <T> List<T> providers(Class<T> service, ClassLoader loader, List<String> problems) {
        List<T> found = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                problems.add("built-in " + service.getSimpleName() + " failed to load: " + PluginHost.describe(e));
            }
        }
    }
}
