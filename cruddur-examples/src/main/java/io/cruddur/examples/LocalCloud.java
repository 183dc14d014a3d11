package io.cruddur.examples;

import io.cruddur.base.Tags;
import io.cruddur.memory.InMemoryCloud;
import io.cruddur.port.CloudException;
import io.cruddur.port.EcrPort;
import io.cruddur.spec.Image;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The in-memory cloud prepared for a stack the way a CI pipeline and an operator prepare an AWS account before a
 * deploy: a generated image for each ECR image the stack's services use (pushed into its repository now if the
 * repository exists, else as soon as the stack creates it), each secret's SSM parameter (a SecureString; the
 * in-memory cloud never stores a value), and the delegation of the stack's domain to the hosted zone it creates
 * (the registrar's name servers). Without this, the in-memory cloud behaves as AWS does for a bare account: tasks
 * fail to start, with AWS's stopped reasons.
 *
 * <p>Preparing the cloud of an earlier run (a state file) completes it: an image its repository lacks is pushed
 * now, one already there is not pushed again, an existing parameter is kept, and the registrar is pointed at the
 * existing hosted zone again (which changes nothing if it already was). A repository that exists but that the stack
 * does not own gets no image (the plan refuses it anyway).
 */
public final class LocalCloud {
  private LocalCloud() {}

  /** An in-memory cloud in the stack's region, prepared for it. */
  public static InMemoryCloud prepare(Stack stack) {
    return prepare(stack, InMemoryCloud.builder().region(stack.region()), true, line -> {});
  }

  /**
   * {@code builder}'s cloud, prepared for {@code stack}; each preparation is reported to {@code log} as one line
   * that says what was done, or what will be done when the stack creates the resource.
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
    // Seeds and delegations on the builder act when the stack creates the repository or zone; what exists already
    // (a state file from an earlier run) is prepared below, on the built cloud.
    tags.forEach(builder::seedImages);
    Optional<String> domain = stack.domain().filter(d -> d.createZone()).map(d -> d.name());
    domain.ifPresent(builder::delegate);
    InMemoryCloud cloud = builder.build();
    domain.ifPresent(name -> delegate(cloud, name, log));
    tags.forEach((repo, ts) -> push(cloud, stack, repo, ts, log));
    for (String p : parameters) {
      if (cloud.ssm().describeParameter(p).isEmpty()) {
        cloud.putParameter(p, "SecureString");
        log.accept("seed   ssm parameter " + p + " (SecureString; the embedded cloud stores no value)");
      }
    }
    return cloud;
  }

  /** Delegates {@code name} to its hosted zone: the existing one now, else the one the stack creates. */
  private static void delegate(InMemoryCloud cloud, String name, Consumer<String> log) {
    if (cloud.route53().findHostedZone(name).isEmpty()) {
      log.accept("seed   delegation of " + name + " to the hosted zone the stack creates (the registrar's name "
          + "servers, as the operator sets them once the zone exists)");
      return;
    }
    try {
      cloud.delegate(name);
      log.accept("seed   delegation of " + name + " to its existing hosted zone (the registrar's name servers, "
          + "as the operator sets them)");
    } catch (CloudException e) {
      log.accept("seed   delegation of " + name + " not set: " + e.getMessage());
    }
  }

  /**
   * Pushes {@code tags} into {@code repo}: those it lacks now if it exists and the stack owns it, all of them when
   * the stack creates it.
   */
  private static void push(InMemoryCloud cloud, Stack stack, String repo, Set<String> tags,
      Consumer<String> log) {
    Optional<EcrPort.Repository> existing = cloud.ecr().findRepository(repo);
    if (existing.isEmpty()) {
      tags.forEach(tag -> log.accept("seed   image " + repo + ":" + tag
          + " (generated; pushed into the embedded cloud when the stack creates repository " + repo + ")"));
      return;
    }
    if (!stack.name().equals(existing.get().tags().get(Tags.OWNER))) {
      tags.forEach(tag -> log.accept("seed   image " + repo + ":" + tag + " not pushed: repository " + repo
          + " exists and is not owned by stack " + stack.name()));
      return;
    }
    List<String> present = cloud.ecr().imageTags(repo);
    for (String tag : tags) {
      if (!present.contains(tag)) {
        cloud.pushImage(repo, tag);
        log.accept("seed   image " + repo + ":" + tag + " (generated; pushed into the existing repository " + repo
            + ")");
      }
    }
  }
}
