package io.cruddur.plan;

/**
 * One field that differs, by its path in the state record: {@code desiredCount: 1 -> 0},
 * {@code containers[api].image: ... -> ...}. Null means absent; a value known only after apply is a
 * {@link io.cruddur.resource.Value.Unknown}.
 */
public record Change(String property, Object before, Object after) {}
