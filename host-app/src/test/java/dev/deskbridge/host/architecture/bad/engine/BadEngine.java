package dev.deskbridge.host.architecture.bad.engine;

import dev.deskbridge.host.architecture.bad.admin.BadAdminView;

/** Forbidden: the engine reads the admin read model. */
public final class BadEngine {
    public String show(BadAdminView view) {
        return view.title();
    }
}
