/**
 * What the node's edges share to keep strangers out and hostile clients small: the API token
 * ({@link io.iotsim.cluster.security.ApiToken}), TLS from PEM files ({@link
 * io.iotsim.cluster.security.PemTls}) and the node-wide bound on open streams ({@link
 * io.iotsim.cluster.security.StreamPermits}). Nothing here knows HTTP routes or gRPC services; the
 * edges (grpc.GrpcServer, sim-http's HttpExtension) apply it.
 */
package io.iotsim.cluster.security;
