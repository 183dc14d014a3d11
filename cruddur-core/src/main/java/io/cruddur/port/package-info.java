/**
 * The ports: one small interface per AWS service, each split into its reads ({@code XxxReads}) and the writes
 * ({@code XxxPort}), with port-level values and errors ({@link io.cruddur.port.CloudException}). No provider type
 * appears here; implement {@link io.cruddur.port.Cloud} to add a backend and run the port contract suite on it.
 */
package io.cruddur.port;
