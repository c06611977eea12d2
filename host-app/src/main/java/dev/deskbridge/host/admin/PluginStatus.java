package dev.deskbridge.host.admin;

/** What became of a plugin (or built-in connector) the host found. */
public enum PluginStatus {
    /** Loaded and started: its connectors are in use or available. */
    STARTED,
    /** Loaded but stopped or disabled. */
    STOPPED,
    /** Refused before loading: not in the trusted list, or a connector API version it does not support. */
    REFUSED,
    /** Broken: the jar could not be read, loaded or started. */
    FAILED
}
