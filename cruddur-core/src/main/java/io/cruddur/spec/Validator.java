package io.cruddur.spec;

import java.util.List;
import java.util.Set;

/** Checks a stack against AWS's rules and Cruddur's own, and returns every problem found. */
final class Validator {
  private Validator() {}

  /**
   * Runs the rules in the order their problems are reported. Services come after the stack-level parts because
   * their images and security groups refer to the repositories and groups those parts collect.
   */
  static List<Problem> validate(Stack stack) {
    Problems problems = new Problems();
    // The rules read every attribute: a null one is reported on its own, before any rule could trip over it.
    new Nulls(problems).check("", stack);
    if (!problems.toList().isEmpty()) {
      return problems.toList();
    }
    StackRules stackRules = new StackRules(problems);
    stackRules.identity(stack);
    Set<String> repositories = stackRules.repositories(stack);
    stackRules.logGroup(stack);
    Set<String> groups = new NetworkRules(problems).securityGroups(stack);
    stackRules.roles(stack);
    EdgeRules edge = new EdgeRules(problems);
    edge.loadBalancer(stack);
    edge.domain(stack);
    ServiceRules services = new ServiceRules(problems, repositories, groups);
    for (Service service : stack.services()) {
      // A service's routes are reported right after its own problems, so each service's problems stay together.
      String path = "services[" + service.name() + "]";
      services.service(path, service);
      edge.routes(stack, service, path);
      edge.requestScaling(stack, service, path);
    }
    edge.routesNeedALoadBalancer(stack);
    return problems.toList();
  }
}
