/**
 * Routing and governance: which channel answers a run next and why ({@link io.rcmos.server.routing.RoutePolicy},
 * {@link io.rcmos.server.routing.Router}), and how fast and with which credential it may ask
 * ({@link io.rcmos.server.routing.Governor}). Knows payer configs and flags; knows nothing of runs or channels.
 */
package io.rcmos.server.routing;
