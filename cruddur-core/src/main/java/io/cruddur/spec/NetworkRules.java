package io.cruddur.spec;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the stack's security groups: their names, ingress ports and protocols, CIDR blocks and source groups. */
final class NetworkRules {
  /** EC2 subnet ids: {@code subnet-} and 8 or 17 hex digits. */
  static final java.util.regex.Pattern SUBNET_ID = java.util.regex.Pattern.compile("subnet-([0-9a-f]{8}|[0-9a-f]{17})");

  private static final Pattern SG_NAME = Pattern.compile("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]{1,255}");
  private static final Pattern CIDR = Pattern.compile(
      "(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");

  private final Problems problems;

  NetworkRules(Problems problems) {
    this.problems = problems;
  }

  /** Returns every group a service or an ingress rule may name: the declared ones and those Cruddur creates. */
  Set<String> securityGroups(Stack s) {
    Set<String> names = new HashSet<>();
    names.add(s.serviceSecurityGroupName());
    s.loadBalancer().filter(lb -> !lb.existing()).ifPresent(lb -> names.add(lb.securityGroup()));
    Set<String> declared = new HashSet<>();
    for (SecurityGroup g : s.securityGroups()) {
      if (!declared.add(g.name())) {
        problems.add("securityGroups[" + g.name() + "]", "duplicate security group name");
      }
      names.add(g.name());
    }
    // A second pass, so that an ingress rule may name a group declared after its own.
    for (SecurityGroup g : s.securityGroups()) {
      String path = "securityGroups[" + g.name() + "]";
      if (!SG_NAME.matcher(g.name()).matches() || g.name().toLowerCase().startsWith("sg-")) {
        problems.add(path + ".name", "must be 1-255 characters and must not start with sg-");
      }
      for (int i = 0; i < g.ingress().size(); i++) {
        ingress(path + ".ingress[" + i + "]", g.ingress().get(i), names);
      }
    }
    return names;
  }

  private void ingress(String path, Ingress in, Set<String> groups) {
    ports(path, in.port(), in.toPort());
    if (!PROTOCOLS.contains(in.protocol())) {
      problems.add(path + ".protocol", "'" + in.protocol() + "' must be tcp, udp or icmp");
    }
    if (in.cidr().isPresent() == in.fromGroup().isPresent()) {
      problems.add(path, "needs exactly one of cidr or fromGroup");
    }
    in.cidr().ifPresent(c -> cidr(path + ".cidr", c));
    in.fromGroup().ifPresent(f -> {
      if (!groups.contains(f)) {
        problems.add(path + ".fromGroup", "unknown security group '" + f + "'");
      }
    });
  }

  private void ports(String path, int from, int to) {
    if (from < 0 || from > 65535) {
      problems.add(path + ".port", from + " is not a port (0-65535)");
    }
    if (to < from || to > 65535) {
      problems.add(path + ".toPort", to + " must be between port and 65535");
    }
  }

  private void cidr(String path, String cidr) {
    var m = CIDR.matcher(cidr);
    boolean ok = m.matches();
    for (int i = 1; ok && i <= 4; i++) {
      ok = Integer.parseInt(m.group(i)) <= 255;
    }
    if (!ok || Integer.parseInt(m.group(5)) > 32) {
      problems.add(path, "'" + cidr + "' is not an IPv4 CIDR block");
    }
  }
}
