/**
 * REST API, Server-Sent Events, admin endpoints and the dashboard, served by every node through
 * {@link io.iotsim.cluster.node.NodeExtension}. The runnable jar is assembled by sim-cli.
 */
package io.iotsim.http;
