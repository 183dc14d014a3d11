package io.cruddur.resource;

/**
 * {@code elb.listener}: a port of a load balancer; {@code certificateArn} and {@code sslPolicy} are absent for
 * HTTP.
 */
public record ListenerState(@RequiresReplace Value<String> loadBalancerArn, String protocol, int port,
    Value<String> certificateArn, String sslPolicy, Action defaultAction) implements ResourceState {
  /**
   * What a listener or rule does: {@code forward} to a target group, {@code redirect}, or {@code fixed-response};
   * the fields of the other types are absent.
   */
  public record Action(String type, Value<String> targetGroupArn, String redirectProtocol, String redirectPort,
      String statusCode, String contentType, String body) {
    public static Action forward(Value<String> targetGroupArn) {
      return new Action("forward", targetGroupArn, null, null, null, null, null);
    }

    public static Action redirectToHttps() {
      return new Action("redirect", Value.none(), "HTTPS", "443", "HTTP_301", null, null);
    }

    public static Action fixed(String statusCode, String contentType, String body) {
      return new Action("fixed-response", Value.none(), null, null, statusCode, contentType, body);
    }
  }

  public record Outputs(String arn) {}
}
