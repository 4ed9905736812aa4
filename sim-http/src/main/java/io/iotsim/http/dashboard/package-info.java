/**
 * What the web dashboard needs beyond the plain API: a sorted, offset-paged device table, the
 * active faults with their remaining simulated time, scenario validation with line numbers, the
 * shipped scenario files and a clock speed change.
 */
package io.iotsim.http.dashboard;
