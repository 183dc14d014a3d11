/**
 * Images into a registry without a Docker daemon, with Jib Core: {@link io.cruddur.images.Images#mirror} copies an
 * image from any registry, {@link io.cruddur.images.Images#push} pushes a {@code docker save} tarball.
 */
package io.cruddur.images;
