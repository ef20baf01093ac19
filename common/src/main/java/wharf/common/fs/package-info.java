/**
 * File-system helpers for bundles that must not depend on the engine API (the runtime driver): a
 * package of its own, since bnd's {@code -conditionalpackage} copies whole packages.
 */
package wharf.common.fs;
