package io.cruddur.plan;

import java.util.Map;
import java.util.Set;

/**
 * A resource as the stack wants it. {@code props} hold plain values (strings, numbers, booleans, lists, maps)
 * and {@link Ref}s; {@code lookup} marks a resource the stack uses but does not own (never changed or deleted).
 */
public record Desired(ResourceId id, Map<String, Object> props, Set<ResourceId> dependsOn, boolean lookup) {}
