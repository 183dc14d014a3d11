package io.cruddur.resource;

import java.util.List;

/** {@code elb.listener-rule}: a rule of a listener, by host header and/or path patterns. */
public record ListenerRuleState(@RequiresReplace Value<String> listenerArn, int priority, List<String> hosts,
    List<String> paths, ListenerState.Action action) implements ResourceState {
  public record Outputs(String arn) {}
}
