/**
 * The typed resource model and the kind SPI: one state record per kind ({@link io.cruddur.resource.ResourceState}),
 * values known now, unknown until apply, or taken from another resource ({@link io.cruddur.resource.Value},
 * {@link io.cruddur.resource.Ref}), and {@link io.cruddur.resource.Kind}, what the planner and the executor work on.
 */
package io.cruddur.resource;
