package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.ElbPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

final class AwsElb implements ElbPort {
  private static final String DEREGISTRATION = "deregistration_delay.timeout_seconds";
  private final Supplier<ElasticLoadBalancingV2Client> elb;
  private final Calls calls;

  AwsElb(Supplier<ElasticLoadBalancingV2Client> elb, Calls calls) {
    this.elb = elb;
    this.calls = calls;
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** Tags of up to 20 resources per call. */
  private Map<String, Map<String, String>> tagsOf(List<String> arns) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (int i = 0; i < arns.size(); i += 20) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
      calls.read("elbv2:DescribeTags", () -> elb.get().describeTags(b -> b.resourceArns(batch)).tagDescriptions())
          .forEach(d -> {
            Map<String, String> m = new HashMap<>();
            d.tags().forEach(t -> m.put(t.key(), t.value()));
            out.put(d.resourceArn(), Map.copyOf(m));
          });
    }
    return out;
  }

  private List<LoadBalancer> view(List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> lbs) {
    return view(lbs, tagsOf(lbs.stream().map(l -> l.loadBalancerArn()).toList()));
  }

  private static List<LoadBalancer> view(
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> lbs,
      Map<String, Map<String, String>> tags) {
    return lbs.stream().map(l -> new LoadBalancer(l.loadBalancerArn(), l.loadBalancerName(), l.dnsName(),
        l.canonicalHostedZoneId(), l.schemeAsString(), l.state() == null ? "active" : l.state().codeAsString(),
        l.availabilityZones().stream().map(AvailabilityZone::subnetId).toList(), l.securityGroups(),
        tags.getOrDefault(l.loadBalancerArn(), Map.of()))).toList();
  }

  @Override
  public LoadBalancer createLoadBalancer(String name, boolean internetFacing, List<String> subnets,
      List<String> securityGroups, Map<String, String> tags) {
    var lb = calls.create("elbv2:CreateLoadBalancer", () -> elb.get().createLoadBalancer(b -> b.name(name)
        .type(LoadBalancerTypeEnum.APPLICATION).scheme(internetFacing ? LoadBalancerSchemeEnum.INTERNET_FACING
            : LoadBalancerSchemeEnum.INTERNAL).subnets(subnets).securityGroups(securityGroups).tags(tags(tags)))
        .loadBalancers().get(0));
    return new LoadBalancer(lb.loadBalancerArn(), lb.loadBalancerName(), lb.dnsName(), lb.canonicalHostedZoneId(),
        lb.schemeAsString(), lb.state() == null ? "provisioning" : lb.state().codeAsString(), subnets,
        securityGroups, Map.copyOf(tags));
  }

  @Override
  public Optional<LoadBalancer> findLoadBalancer(String name) {
    try {
      return view(calls.read("elbv2:DescribeLoadBalancers", () -> elb.get().describeLoadBalancers(b -> b.names(name))
          .loadBalancers())).stream().findFirst();
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> allLoadBalancers() {
    return calls.read("elbv2:DescribeLoadBalancers", () -> elb.get().describeLoadBalancersPaginator(b -> {})
        .loadBalancers().stream().toList());
  }

  @Override
  public List<LoadBalancer> listLoadBalancers() {
    return view(allLoadBalancers());
  }

  /**
   * The load balancers, target groups, and the listeners and rules of the load balancers named {@code names}, with
   * the tags of all of them read together: DescribeTags takes 20 resources of any of these types.
   */
  @Override
  public Inventory inventory(List<String> names) {
    var lbs = allLoadBalancers();
    var tgs = allTargetGroups();
    Map<String, List<Listener>> listeners = new HashMap<>();
    Map<String, List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule>> rules = new HashMap<>();
    List<String> arns = new ArrayList<>();
    lbs.forEach(lb -> arns.add(lb.loadBalancerArn()));
    tgs.forEach(tg -> arns.add(tg.targetGroupArn()));
    for (var lb : lbs) {
      if (names.contains(lb.loadBalancerName())) {
        listeners.put(lb.loadBalancerArn(), listeners(lb.loadBalancerArn()));
        for (Listener l : listeners.get(lb.loadBalancerArn())) {
          rules.put(l.arn(), rawRules(l.arn()));
          rules.get(l.arn()).forEach(r -> arns.add(r.ruleArn()));
        }
      }
    }
    Map<String, Map<String, String>> tags = tagsOf(arns);
    Map<String, List<Rule>> viewed = new HashMap<>();
    rules.forEach((listener, rs) -> viewed.put(listener, view(listener, rs, tags)));
    return new Inventory(view(lbs, tags), viewTgs(tgs, tags), listeners, viewed);
  }

  @Override
  public void setSecurityGroups(String arn, List<String> securityGroups) {
    calls.write("elbv2:SetSecurityGroups", () -> elb.get().setSecurityGroups(b -> b.loadBalancerArn(arn)
        .securityGroups(securityGroups)));
  }

  @Override
  public void setSubnets(String arn, List<String> subnets) {
    calls.write("elbv2:SetSubnets", () -> elb.get().setSubnets(b -> b.loadBalancerArn(arn).subnets(subnets)));
  }

  @Override
  public void deleteLoadBalancer(String arn) {
    calls.write("elbv2:DeleteLoadBalancer", () -> elb.get().deleteLoadBalancer(b -> b.loadBalancerArn(arn)));
  }

  // ---- target groups

  private List<TargetGroup> viewTgs(List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> in) {
    return viewTgs(in, tagsOf(in.stream().map(t -> t.targetGroupArn()).toList()));
  }

  private List<TargetGroup> viewTgs(List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> in,
      Map<String, Map<String, String>> tags) {
    List<TargetGroup> out = new ArrayList<>();
    for (var t : in) {
      int delay = calls.read("elbv2:DescribeTargetGroupAttributes", () -> elb.get().describeTargetGroupAttributes(b -> b
          .targetGroupArn(t.targetGroupArn())).attributes()).stream().filter(a -> a.key().equals(DEREGISTRATION))
          .map(a -> Integer.parseInt(a.value())).findFirst().orElse(300);
      HealthCheck hc = new HealthCheck(t.healthCheckPath(), orZero(t.healthCheckIntervalSeconds()),
          orZero(t.healthCheckTimeoutSeconds()), orZero(t.healthyThresholdCount()),
          orZero(t.unhealthyThresholdCount()), t.matcher() == null ? null : t.matcher().httpCode());
      out.add(new TargetGroup(t.targetGroupArn(), t.targetGroupName(), t.protocolAsString(), orZero(t.port()),
          t.vpcId(), t.targetTypeAsString(), hc, delay, t.loadBalancerArns(),
          tags.getOrDefault(t.targetGroupArn(), Map.of())));
    }
    return out;
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  @Override
  public TargetGroup createTargetGroup(String name, String protocol, int port, String vpcId, String targetType,
      HealthCheck h, int deregistrationDelaySeconds, Map<String, String> tags) {
    var t = calls.create("elbv2:CreateTargetGroup", () -> elb.get().createTargetGroup(b -> b.name(name)
        .protocol(protocol).port(port).vpcId(vpcId).targetType(TargetTypeEnum.fromValue(targetType))
        .healthCheckProtocol("HTTP")
        .healthCheckPath(h.path()).healthCheckIntervalSeconds(h.intervalSeconds())
        .healthCheckTimeoutSeconds(h.timeoutSeconds()).healthyThresholdCount(h.healthyThreshold())
        .unhealthyThresholdCount(h.unhealthyThreshold()).matcher(m -> m.httpCode(h.matcher())).tags(tags(tags)))
        .targetGroups().get(0));
    setDelay(t.targetGroupArn(), deregistrationDelaySeconds);
    return new TargetGroup(t.targetGroupArn(), name, protocol, port, vpcId, targetType, h, deregistrationDelaySeconds,
        List.of(), Map.copyOf(tags));
  }

  private void setDelay(String arn, int seconds) {
    calls.write("elbv2:ModifyTargetGroupAttributes", () -> elb.get().modifyTargetGroupAttributes(b -> b
        .targetGroupArn(arn).attributes(TargetGroupAttribute.builder().key(DEREGISTRATION)
            .value(String.valueOf(seconds)).build())));
  }

  @Override
  public Optional<TargetGroup> findTargetGroup(String name) {
    try {
      return viewTgs(calls.read("elbv2:DescribeTargetGroups", () -> elb.get().describeTargetGroups(b -> b.names(name))
          .targetGroups())).stream().findFirst();
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> allTargetGroups() {
    return calls.read("elbv2:DescribeTargetGroups", () -> elb.get().describeTargetGroupsPaginator(b -> {})
        .targetGroups().stream().toList());
  }

  @Override
  public List<TargetGroup> listTargetGroups() {
    return viewTgs(allTargetGroups());
  }

  @Override
  public void modifyTargetGroup(String arn, HealthCheck h, int deregistrationDelaySeconds) {
    calls.write("elbv2:ModifyTargetGroup", () -> elb.get().modifyTargetGroup(b -> b.targetGroupArn(arn)
        .healthCheckPath(h.path()).healthCheckIntervalSeconds(h.intervalSeconds())
        .healthCheckTimeoutSeconds(h.timeoutSeconds()).healthyThresholdCount(h.healthyThreshold())
        .unhealthyThresholdCount(h.unhealthyThreshold()).matcher(m -> m.httpCode(h.matcher()))));
    setDelay(arn, deregistrationDelaySeconds);
  }

  @Override
  public void deleteTargetGroup(String arn) {
    calls.write("elbv2:DeleteTargetGroup", () -> elb.get().deleteTargetGroup(b -> b.targetGroupArn(arn)));
  }

  // ---- listeners and rules

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action toSdk(Action a) {
    var b = software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder()
        .type(ActionTypeEnum.fromValue(a.type()));
    switch (a.type()) {
      case "forward" -> b.targetGroupArn(a.targetGroupArn());
      case "redirect" -> b.redirectConfig(r -> r.protocol(a.redirectProtocol()).port(a.redirectPort())
          .statusCode(a.statusCode()));
      case "fixed-response" -> b.fixedResponseConfig(f -> f.statusCode(a.statusCode()).contentType(a.contentType())
          .messageBody(a.body()));
      default -> throw new CloudException.Invalid("unknown action type " + a.type());
    }
    return b.build();
  }

  private static Action fromSdk(software.amazon.awssdk.services.elasticloadbalancingv2.model.Action a) {
    return switch (a.typeAsString()) {
      case "forward" -> Action.forward(a.targetGroupArn() != null ? a.targetGroupArn()
          : a.forwardConfig().targetGroups().get(0).targetGroupArn());
      case "redirect" -> new Action("redirect", null, a.redirectConfig().protocol(), a.redirectConfig().port(),
          a.redirectConfig().statusCodeAsString(), null, null);
      case "fixed-response" -> new Action("fixed-response", null, null, null, a.fixedResponseConfig().statusCode(),
          a.fixedResponseConfig().contentType(), a.fixedResponseConfig().messageBody());
      default -> new Action(a.typeAsString(), null, null, null, null, null, null);
    };
  }

  private static Listener view(software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener l) {
    String cert = l.certificates().isEmpty() ? null : l.certificates().get(0).certificateArn();
    return new Listener(l.listenerArn(), l.loadBalancerArn(), l.protocolAsString(), l.port(), cert,
        "HTTPS".equals(l.protocolAsString()) ? l.sslPolicy() : null, fromSdk(l.defaultActions().get(0)));
  }

  @Override
  public Listener createListener(String lbArn, String protocol, int port, String certificateArn, String sslPolicy,
      Action defaultAction, Map<String, String> tags) {
    var l = calls.create("elbv2:CreateListener", () -> elb.get().createListener(b -> {
      b.loadBalancerArn(lbArn).protocol(protocol).port(port).defaultActions(toSdk(defaultAction)).tags(tags(tags));
      if (certificateArn != null) {
        b.certificates(c -> c.certificateArn(certificateArn)).sslPolicy(sslPolicy);
      }
    }).listeners().get(0));
    return view(l);
  }

  @Override
  public List<Listener> listeners(String lbArn) {
    return calls.read("elbv2:DescribeListeners", () -> elb.get().describeListenersPaginator(b -> b
        .loadBalancerArn(lbArn)).listeners().stream().map(AwsElb::view).toList());
  }

  @Override
  public void modifyListener(String arn, String protocol, int port, String certificateArn, String sslPolicy,
      Action defaultAction) {
    calls.write("elbv2:ModifyListener", () -> elb.get().modifyListener(b -> {
      b.listenerArn(arn).protocol(protocol).port(port).defaultActions(toSdk(defaultAction));
      if (certificateArn != null) {
        b.certificates(c -> c.certificateArn(certificateArn)).sslPolicy(sslPolicy);
      }
    }));
  }

  @Override
  public void deleteListener(String arn) {
    calls.write("elbv2:DeleteListener", () -> elb.get().deleteListener(b -> b.listenerArn(arn)));
  }

  @Override
  public List<String> listenerCertificates(String listenerArn) {
    List<String> out = new ArrayList<>();
    String marker = null;
    do {
      String from = marker;
      var page = calls.read("elbv2:DescribeListenerCertificates", () -> elb.get().describeListenerCertificates(b ->
          b.listenerArn(listenerArn).marker(from)));
      page.certificates().stream().filter(c -> !Boolean.TRUE.equals(c.isDefault()))
          .forEach(c -> out.add(c.certificateArn()));
      marker = page.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return out.stream().distinct().sorted().toList();
  }

  @Override
  public void addListenerCertificate(String listenerArn, String certificateArn) {
    // AWS adds a certificate once however often it is added; an emulator may list it twice, so look first.
    if (listenerCertificates(listenerArn).contains(certificateArn)) {
      return;
    }
    calls.write("elbv2:AddListenerCertificates", () -> elb.get().addListenerCertificates(b -> b.listenerArn(listenerArn)
        .certificates(c -> c.certificateArn(certificateArn))));
  }

  @Override
  public void removeListenerCertificate(String listenerArn, String certificateArn) {
    calls.write("elbv2:RemoveListenerCertificates", () -> elb.get().removeListenerCertificates(b ->
        b.listenerArn(listenerArn).certificates(c -> c.certificateArn(certificateArn))));
  }

  private static List<RuleCondition> conditions(List<String> hosts, List<String> paths) {
    List<RuleCondition> out = new ArrayList<>();
    if (!hosts.isEmpty()) {
      out.add(RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values(hosts)).build());
    }
    if (!paths.isEmpty()) {
      out.add(RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values(paths)).build());
    }
    return out;
  }

  private static List<String> values(software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule r,
      String field) {
    return r.conditions().stream().filter(c -> field.equals(c.field())).findFirst().map(c -> {
      if (field.equals("host-header") && c.hostHeaderConfig() != null && !c.hostHeaderConfig().values().isEmpty()) {
        return c.hostHeaderConfig().values();
      }
      if (field.equals("path-pattern") && c.pathPatternConfig() != null && !c.pathPatternConfig().values().isEmpty()) {
        return c.pathPatternConfig().values();
      }
      return c.values();
    }).orElse(List.of());
  }

  @Override
  public Rule createRule(String listenerArn, int priority, List<String> hosts, List<String> paths, Action action,
      Map<String, String> tags) {
    var r = calls.create("elbv2:CreateRule", () -> elb.get().createRule(b -> b.listenerArn(listenerArn)
        .priority(priority).conditions(conditions(hosts, paths)).actions(toSdk(action)).tags(tags(tags))).rules()
        .get(0));
    return new Rule(r.ruleArn(), listenerArn, priority, List.copyOf(hosts), List.copyOf(paths), action,
        Map.copyOf(tags));
  }

  /** The non-default rules of a listener, as the SDK has them. */
  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule> rawRules(String listenerArn) {
    return calls.read("elbv2:DescribeRules", () -> elb.get().describeRules(b -> b.listenerArn(listenerArn)).rules())
        .stream().filter(r -> !Boolean.TRUE.equals(r.isDefault()) && !"default".equals(r.priority())).toList();
  }

  private static List<Rule> view(String listenerArn,
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule> rules,
      Map<String, Map<String, String>> tags) {
    return rules.stream().map(r -> new Rule(r.ruleArn(), listenerArn, Integer.parseInt(r.priority()),
        values(r, "host-header"), values(r, "path-pattern"), fromSdk(r.actions().get(0)),
        tags.getOrDefault(r.ruleArn(), Map.of()))).toList();
  }

  @Override
  public List<Rule> rules(String listenerArn) {
    var rules = rawRules(listenerArn);
    return view(listenerArn, rules, tagsOf(rules.stream().map(r -> r.ruleArn()).toList()));
  }

  @Override
  public List<TargetHealth> targetHealth(String targetGroupArn) {
    return calls.read("elbv2:DescribeTargetHealth", () -> elb.get().describeTargetHealth(b -> b
        .targetGroupArn(targetGroupArn)).targetHealthDescriptions()).stream().map(d -> new TargetHealth(
            d.target().id(), d.target().port() == null ? 0 : d.target().port(),
            d.targetHealth() == null ? null : d.targetHealth().stateAsString(),
            d.targetHealth() == null ? null : d.targetHealth().reasonAsString(),
            d.targetHealth() == null ? null : d.targetHealth().description())).toList();
  }

  @Override
  public void modifyRule(String arn, List<String> hosts, List<String> paths, Action action) {
    calls.write("elbv2:ModifyRule", () -> elb.get().modifyRule(b -> b.ruleArn(arn).conditions(conditions(hosts, paths))
        .actions(toSdk(action))));
  }

  @Override
  public void setRulePriority(String arn, int priority) {
    calls.write("elbv2:SetRulePriorities", () -> elb.get().setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(arn)
        .priority(priority))));
  }

  @Override
  public void deleteRule(String arn) {
    calls.write("elbv2:DeleteRule", () -> elb.get().deleteRule(b -> b.ruleArn(arn)));
  }
}
