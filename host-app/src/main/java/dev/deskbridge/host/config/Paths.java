package dev.deskbridge.host.config;

/** Builds the paths problems are reported under: {@code crms[0].config.api_token}. */
final class Paths {
    private Paths() {}

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }
}
