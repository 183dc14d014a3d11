/**
 * Immutable specs and the fluent DSL. Values are thread-safe; builders are not.
 *
 * <p>Start at {@link io.cruddur.spec.Stack#builder()}. {@code Stack.build()} validates the whole tree and throws
 * one {@link io.cruddur.spec.InvalidSpecException} that lists every problem by path.
 */
@SpecStyle
package io.cruddur.spec;
