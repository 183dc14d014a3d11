package io.cruddur.port;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link SsmPort}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface SsmReads {
  Optional<SsmPort.Parameter> describeParameter(String name);

  /**
   * The parameters of these names or ARNs that exist, keyed by the name or ARN as given; those that do not exist are
   * left out. A plan checks all of a stack's secrets with it: a backend that can read several parameters in one call
   * (DescribeParameters takes 50 names) does, this default reads them one by one.
   */
  default Map<String, SsmPort.Parameter> describeParameters(Collection<String> namesOrArns) {
    Map<String, SsmPort.Parameter> out = new LinkedHashMap<>();
    for (String n : new LinkedHashSet<>(namesOrArns)) {
      describeParameter(n).ifPresent(p -> out.put(n, p));
    }
    return out;
  }
}
