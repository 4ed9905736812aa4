/**
 * The HTTP edge's door: bearer-token authentication of /api and the CORS allow-list (the token, TLS
 * and stream bound themselves are sim-cluster's security package).
 */
package io.iotsim.http.security;
