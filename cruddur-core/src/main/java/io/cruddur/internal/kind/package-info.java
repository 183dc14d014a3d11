/**
 * Internal: the resource kinds (one class each, behind the {@link io.cruddur.resource.Kind} interface) and
 * {@link io.cruddur.internal.kind.Kinds}, their typed constants. No compatibility promise.
 */
package io.cruddur.internal.kind;
