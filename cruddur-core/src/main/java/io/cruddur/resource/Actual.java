package io.cruddur.resource;

/**
 * A resource as the cloud has it: its state in the same record type as the desired one (every value known), its
 * outputs, and whether it carries this stack's ownership tag. Immutable.
 */
public record Actual<S extends ResourceState, O extends Record>(ResourceId id, S state, O outputs,
    boolean owned) {}
