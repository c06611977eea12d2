/**
 * A deliberately badly built host, for BadPackagesTest only: the engine and the admin read model
 * need each other, the engine reads the admin API's model, the store reaches for pricing, and
 * pricing and its simulation need each other; one package stands in no layer.
 */
package dev.deskbridge.host.architecture.bad;
