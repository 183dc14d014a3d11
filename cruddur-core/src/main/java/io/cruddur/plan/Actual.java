package io.cruddur.plan;

import java.util.Map;

/**
 * A resource as the cloud has it: props in the same shape as {@link Desired#props()}, the attributes other
 * resources reference ({@code arn}, {@code id}, ...), and whether it carries this stack's ownership tag.
 */
public record Actual(ResourceId id, Map<String, Object> props, Map<String, String> attributes, boolean owned) {}
