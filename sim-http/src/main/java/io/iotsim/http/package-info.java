/**
 * REST API, Server-Sent Events, admin endpoints and the dashboard, served by every node through
 * {@link io.iotsim.cluster.node.NodeExtension}. This module also assembles the runnable jar.
 */
package io.iotsim.http;
