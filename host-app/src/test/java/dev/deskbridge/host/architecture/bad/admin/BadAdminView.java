package dev.deskbridge.host.architecture.bad.admin;

import dev.deskbridge.host.architecture.bad.engine.BadEngine;

/** Allowed alone (admin above the engine), but with BadEngine it closes a cycle. */
public record BadAdminView(String title, BadEngine engine) {}
