package io.cruddur.resource;

import io.cruddur.base.Digest;
import io.cruddur.port.Clock;
import java.util.Map;

/**
 * What a create needs besides the state: the tags to put on the resource (the stack's own and the ownership
 * tag), and the apply run, from which idempotency keys are derived. Immutable.
 *
 * @param stack the stack's name
 * @param tags every tag to put on a new resource
 * @param applyId one id per apply run
 * @param clock the cloud's clock, for the rare create that must poll before it can return its outputs
 */
public record WriteContext(String stack, Map<String, String> tags, String applyId, Clock clock) {
  public WriteContext {
    tags = Map.copyOf(tags);
  }

  /**
   * An idempotency key for the create of {@code resource}: the same on every retry within this apply run,
   * different in the next run (after a destroy, a key of the last run must not bring back the deleted resource; a
   * Route 53 caller reference may never be used twice).
   */
  public String requestKey(String resource, int length) {
    return Digest.hex(stack + "|" + resource + "|" + applyId, length);
  }
}
