package io.cruddur.plan;

/** One property that differs: {@code desiredCount: 1 -> 0}. Null means absent. */
public record Change(String property, Object before, Object after) {}
