/**
 * Protocol adapters. A {@link io.iotsim.core.publish.Publisher} is shared by the devices of a node
 * that use its protocol; {@link io.iotsim.core.publish.PublisherFactory} implementations are
 * discovered with ServiceLoader.
 */
package io.iotsim.core.publish;
