/**
 * Internal: turns a validated {@link io.cruddur.spec.Stack} into the desired graph of typed resource states, one
 * contributor per concern. The one place that knows the set of resource kinds. No compatibility promise.
 */
package io.cruddur.internal.blueprint;
