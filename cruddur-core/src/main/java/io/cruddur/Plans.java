package io.cruddur;

import io.cruddur.plan.Plan;
import io.cruddur.plan.Step;
import io.cruddur.resource.Ref;
import io.cruddur.resource.ServiceState;
import io.cruddur.resource.TaskDefinitionState;
import java.util.Optional;

/** What the day-2 reads take from a plan of the stack. */
final class Plans {
  private Plans() {}

  /** The task definition of {@code service} as planned (refs resolved as far as known), if the stack declares it. */
  static Optional<TaskDefinitionState> taskDefinition(Plan plan, String service) {
    var id = plan.service(service);
    return plan.steps().stream().filter(s -> s.node().equals(id.node()) && s.desired() != null).findFirst()
        .map(Step::desired).map(d -> d.state()).filter(ServiceState.class::isInstance).map(ServiceState.class::cast)
        .map(ServiceState::taskDefinitionArn).filter(Ref.class::isInstance).map(r -> ((Ref<?>) r).target())
        .map(plan.plannedStates()::get).filter(TaskDefinitionState.class::isInstance)
        .map(TaskDefinitionState.class::cast);
  }
}
