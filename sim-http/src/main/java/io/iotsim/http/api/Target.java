package io.iotsim.http.api;

import java.util.List;

/**
 * Which devices a request applies to: exactly one of {@code all: true}, {@code device_type}, {@code
 * ids} or {@code selector}.
 */
public interface Target {

  Boolean all();

  String deviceType();

  List<String> ids();

  String selector();
}
