package io.iotsim.http.api;

import java.util.List;

/** Body of stop, pause and resume by selection. */
public record TargetRequest(Boolean all, String deviceType, List<String> ids, String selector)
    implements Target {}
