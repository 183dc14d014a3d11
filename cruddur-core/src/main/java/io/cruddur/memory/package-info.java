/**
 * {@link io.cruddur.memory.InMemoryCloud}: a cloud in memory that behaves like AWS for everything Cruddur uses, on
 * a virtual clock, with fault injection, for testing deployment code. Proven by the same port contract suite as the
 * AWS adapters.
 */
package io.cruddur.memory;
