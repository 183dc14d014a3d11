package io.cruddur.examples;

import io.cruddur.memory.InMemoryCloud;
import io.cruddur.spec.Image;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The in-memory cloud prepared for a stack the way a CI pipeline and an operator prepare an AWS account before a
 * deploy: a generated image for each ECR image the stack's services use (pushed when its repository is created),
 * each secret's SSM parameter (a SecureString; the in-memory cloud never stores a value), and the delegation of
 * the stack's domain to the hosted zone it creates (the registrar's name servers). Without this, the
 * in-memory cloud behaves as AWS does for a bare account: tasks fail to start, with AWS's stopped reasons.
 */
public final class LocalCloud {
  private LocalCloud() {}

  /** An in-memory cloud in the stack's region, prepared for it. */
  public static InMemoryCloud prepare(Stack stack) {
    return prepare(stack, InMemoryCloud.builder().region(stack.region()), true, line -> {});
  }

  /**
   * {@code builder}'s cloud, prepared for {@code stack}; each preparation is reported to {@code log} as one line.
   *
   * @param images whether to push the images too (false: as if CI had not pushed them)
   */
  public static InMemoryCloud prepare(Stack stack, InMemoryCloud.Builder builder, boolean images,
      Consumer<String> log) {
    Map<String, Set<String>> tags = new TreeMap<>();
    Set<String> parameters = new TreeSet<>();
    for (Service svc : stack.services()) {
      List<Image> all = new ArrayList<>(List.of(svc.image()));
      svc.sidecars().forEach(sc -> all.add(sc.image()));
      all.forEach(i -> i.repository().ifPresent(r -> tags.computeIfAbsent(r, k -> new TreeSet<>()).add(i.tag())));
      svc.secrets().values().forEach(s -> parameters.add(s.reference()));
    }
    if (!images) {
      tags.clear();
    }
    tags.forEach(builder::seedImages);
    stack.domain().filter(d -> d.createZone()).ifPresent(d -> builder.delegate(d.name()));
    InMemoryCloud cloud = builder.build();
    stack.domain().filter(d -> d.createZone()).ifPresent(d -> log.accept("seed   delegation of " + d.name()
        + " to its new hosted zone (the registrar's name servers, as the operator sets them)"));
    tags.forEach((repo, ts) -> ts.forEach(tag -> log.accept("seed   image " + repo + ":" + tag
        + " (generated; pushed into the embedded cloud when its repository is created)")));
    for (String p : parameters) {
      if (cloud.ssm().describeParameter(p).isEmpty()) {
        cloud.putParameter(p, "SecureString");
        log.accept("seed   ssm parameter " + p + " (SecureString; the embedded cloud stores no value)");
      }
    }
    return cloud;
  }
}
