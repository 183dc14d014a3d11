package io.cruddur.resource;

/**
 * {@code elb.listener-certificate}: a certificate that an HTTPS listener serves by SNI beside its default one, as a
 * stack sharing another's load balancer adds its own. Either part changing replaces it.
 */
public record ListenerCertificateState(@RequiresReplace Value<String> listenerArn,
    @RequiresReplace Value<String> certificateArn) implements ResourceState {
  public record Outputs(String listenerArn, String certificateArn) {}
}
