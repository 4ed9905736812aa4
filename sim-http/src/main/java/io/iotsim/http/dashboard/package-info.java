/**
 * What the web dashboard needs beyond the plain API and the fleet's own table and fault board:
 * scenario validation with line numbers and the shipped scenario files.
 */
package io.iotsim.http.dashboard;
