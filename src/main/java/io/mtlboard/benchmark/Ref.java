package io.mtlboard.benchmark;

/** An id and a display name. */
public record Ref(String id, String name) {}
