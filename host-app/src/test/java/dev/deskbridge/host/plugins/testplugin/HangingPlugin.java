package dev.deskbridge.host.plugins.testplugin;

import org.pf4j.Plugin;

/** A plugin whose start() does not return: stuck on a network call or a lock, say. */
public class HangingPlugin extends Plugin {
    @Override
    public void start() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
