package io.cruddur.plan;

import java.util.List;
import java.util.Set;

/**
 * One node of the plan's DAG. {@code desired} is null for a delete, {@code actual} null for a create.
 * {@code dependsOn} names other steps' ids.
 */
public record Step(String id, Action action, ResourceId resource, List<Change> changes, Set<String> dependsOn,
    Desired desired, Actual actual) {}
