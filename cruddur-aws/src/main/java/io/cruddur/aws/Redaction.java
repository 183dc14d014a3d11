package io.cruddur.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Renders an SDK request as JSON for a log line, with what may be secret hidden. The rule, by name: a value (a
 * string, number, boolean, time or bytes) is shown as {@value #HIDDEN} when the member that holds it (or the list
 * or map that holds it, or its key in a map) has a sensitive name:
 *
 * <ul><li>{@code Value}, ignoring case (SSM PutParameter's value, an ECS container's environment values; tag and
 * record values too: not secret, but one rule that needs no list of services is one that cannot miss one), or</li>
 * <li>a name that contains {@code secret}, {@code password}, {@code passphrase}, {@code token},
 * {@code credential}, {@code privatekey} or {@code authorization}, ignoring case ({@code SecretString},
 * {@code authorizationToken}, {@code SessionToken}; pagination and idempotency tokens too).</li></ul>
 *
 * <p>A structure is rendered with each of its members judged by its own name, whatever the name of the member that
 * holds it: ECS's {@code secrets} show each secret's {@code name} and {@code valueFrom} (an ARN, not a value).
 * A member the service model marks sensitive (the SDK's own {@code toString} hides it) is hidden whole, whatever
 * its type. {@code Values} (EC2 filter values) and {@code ValueFrom} are shown. Members not set are left out; bytes
 * show only their length; a rendering longer than {@value #MAX_LENGTH} characters is cut. Thread-safe.
 */
final class Redaction {
  static final String HIDDEN = "***";
  static final int MAX_LENGTH = 2000;
  private static final Pattern SENSITIVE = Pattern.compile(
      "(?i)value|.*(secret|password|passphrase|token|credential|privatekey|authorization).*");
  /** What the SDK's generated toString shows for a member the service model marks sensitive. */
  private static final String MODEL_REDACTED = "=*** Sensitive Data Redacted ***";
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private Redaction() {}

  /** Whether a member or map key of this name is hidden. */
  static boolean sensitive(String name) {
    return name != null && SENSITIVE.matcher(name).matches();
  }

  /** {@code pojo} as JSON with what may be secret hidden, at most {@value #MAX_LENGTH} characters and a note. */
  static String render(SdkPojo pojo) {
    String json = pojo(pojo).toString();
    if (json.length() <= MAX_LENGTH) {
      return json;
    }
    return json.substring(0, MAX_LENGTH) + "...(" + (json.length() - MAX_LENGTH) + " more characters)";
  }

  private static ObjectNode pojo(SdkPojo pojo) {
    String modelView = pojo.toString();
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object v = field.getValueOrDefault(pojo);
      if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) {
        continue;
      }
      String name = field.memberName();
      node.set(name, modelView.contains(name + MODEL_REDACTED) ? NODES.textNode(HIDDEN) : value(v, sensitive(name)));
    }
    return node;
  }

  /** {@code v} as JSON; {@code hidden}: whether a plain value here is hidden (the name holding it is sensitive). */
  private static JsonNode value(Object v, boolean hidden) {
    if (v instanceof SdkPojo p) {
      return pojo(p);
    }
    if (v instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(e -> array.add(value(e, hidden)));
      return array;
    }
    if (v instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, e) -> object.set(String.valueOf(k), value(e, hidden || sensitive(String.valueOf(k)))));
      return object;
    }
    if (v == null) {
      return NODES.nullNode();
    }
    if (hidden) {
      return NODES.textNode(HIDDEN);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Number n) {
      return NODES.numberNode(new BigDecimal(n.toString()));
    }
    if (v instanceof SdkBytes b) {
      return NODES.textNode("(" + b.asByteArrayUnsafe().length + " bytes)");
    }
    return NODES.textNode(v.toString());
  }
}
