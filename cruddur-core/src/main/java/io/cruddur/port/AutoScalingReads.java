package io.cruddur.port;

import java.util.List;
import java.util.Optional;

/**
 * The reads of {@link AutoScalingPort}: what planning may call. A view of this type can only read, so a plan
 * cannot change anything by construction.
 */
public interface AutoScalingReads {
  Optional<AutoScalingPort.ScalableTarget> findScalableTarget(String namespace, String resourceId, String dimension);

  /** Every scalable target of a namespace. */
  List<AutoScalingPort.ScalableTarget> listScalableTargets(String namespace);

  /** The policies of one scalable target. */
  List<AutoScalingPort.ScalingPolicy> listScalingPolicies(String namespace, String resourceId, String dimension);
}
