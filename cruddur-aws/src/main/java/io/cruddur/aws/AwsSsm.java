package io.cruddur.aws;

import io.cruddur.base.Arn;
import io.cruddur.port.SsmPort;
import io.cruddur.port.CloudException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Reads secrets' metadata only (DescribeParameters): a SecureString's value is never fetched. GetParameter is
 * called only for Cruddur's own String records (leases), without decryption, and refuses anything else.
 */
final class AwsSsm implements SsmPort {
  private final Supplier<SsmClient> ssm;
  private final Calls calls;
  private final String region;
  private final String account;
  private final String partition;

  AwsSsm(Supplier<SsmClient> ssm, Calls calls, String region, String account, String partition) {
    this.ssm = ssm;
    this.calls = calls;
    this.region = region;
    this.account = account;
    this.partition = partition;
  }

  @Override
  public Optional<Parameter> describeParameter(String nameOrArn) {
    return Optional.ofNullable(describeParameters(List.of(nameOrArn)).get(nameOrArn));
  }

  /** One DescribeParameters call (its pages) per 50 names: the most values a Name filter takes. */
  @Override
  public Map<String, Parameter> describeParameters(Collection<String> namesOrArns) {
    Map<String, List<String>> asked = new LinkedHashMap<>();
    for (String n : namesOrArns) {
      asked.computeIfAbsent(Arn.canonicalParameterName(n), k -> new ArrayList<>()).add(n);
    }
    List<String> names = new ArrayList<>(asked.keySet());
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i += 50) {
      List<String> chunk = names.subList(i, Math.min(names.size(), i + 50));
      List<ParameterMetadata> found = calls.read("ssm:DescribeParameters", () -> ssm.get()
          .describeParametersPaginator(b -> b.maxResults(50).parameterFilters(f -> f.key("Name").option("Equals")
              .values(chunk))).stream().flatMap(page -> page.parameters().stream()).toList());
      for (ParameterMetadata p : found) {
        String path = p.name().startsWith("/") ? p.name() : "/" + p.name();
        String arn = p.arn() != null ? p.arn()
            : Arn.of(partition, "ssm", region, account, "parameter" + path).toString();
        Parameter parameter = new Parameter(p.name(), arn, p.typeAsString(), p.version() == null ? 0 : p.version(),
            p.keyId());
        asked.getOrDefault(Arn.canonicalParameterName(p.name()), List.of()).forEach(n -> out.put(n, parameter));
      }
    }
    return out;
  }

  @Override
  public boolean createString(String name, String value, Map<String, String> tags) {
    List<Tag> t = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
    try {
      calls.create("ssm:PutParameter", () -> ssm.get().putParameter(b -> b.name(name).value(value)
          .type(ParameterType.STRING).overwrite(false).tags(t)));
      return true;
    } catch (CloudException.Conflict e) {
      return false;
    }
  }

  @Override
  public void overwriteString(String name, String value) {
    calls.write("ssm:PutParameter", () -> ssm.get().putParameter(b -> b.name(name).value(value)
        .type(ParameterType.STRING).overwrite(true)));
  }

  @Override
  public void createSecureString(String name, String value, String kmsKeyId, Map<String, String> tags) {
    List<Tag> t = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
    calls.create("ssm:PutParameter", () -> ssm.get().putParameter(b -> b.name(name).value(value)
        .type(ParameterType.SECURE_STRING).keyId(kmsKeyId).overwrite(false).tags(t)));
  }

  @Override
  public void overwriteSecureString(String name, String value, String kmsKeyId) {
    // PutParameter takes no tags with Overwrite: the parameter keeps the ones it was created with.
    calls.write("ssm:PutParameter", () -> ssm.get().putParameter(b -> b.name(name).value(value)
        .type(ParameterType.SECURE_STRING).keyId(kmsKeyId).overwrite(true)));
  }

  @Override
  public Optional<Boolean> secureStringHolds(String name, String value) {
    try {
      var p = calls.read("ssm:GetParameter", () -> ssm.get().getParameter(b -> b.name(name).withDecryption(true)))
          .parameter();
      if (p.type() != ParameterType.SECURE_STRING) {
        throw new CloudException.Invalid("parameter " + name + " is a " + p.typeAsString() + ", not a SecureString");
      }
      return Optional.of(java.security.MessageDigest.isEqual(
          String.valueOf(p.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public Map<String, String> parameterTags(String name) {
    try {
      Map<String, String> out = new java.util.TreeMap<>();
      calls.read("ssm:ListTagsForResource", () -> ssm.get().listTagsForResource(b -> b.resourceType("Parameter")
          .resourceId(name)).tagList()).forEach(t -> out.put(t.key(), t.value()));
      return out;
    } catch (CloudException.NotFound e) {
      return Map.of();
    } catch (CloudException.Invalid e) {
      // InvalidResourceId: no such parameter.
      return Map.of();
    }
  }

  @Override
  public Optional<String> getString(String name) {
    try {
      var p = calls.read("ssm:GetParameter", () -> ssm.get().getParameter(b -> b.name(name).withDecryption(false)))
          .parameter();
      if (p.type() != ParameterType.STRING) {
        throw new CloudException.Invalid("parameter " + name + " is a " + p.typeAsString()
            + ": Cruddur reads the values of its own String parameters only");
      }
      return Optional.ofNullable(p.value());
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> namesUnder(String path) {
    return calls.read("ssm:GetParametersByPath", () -> {
      List<String> names = new ArrayList<>();
      ssm.get().getParametersByPathPaginator(b -> b.path(path).recursive(true).withDecryption(false))
          .forEach(page -> page.parameters().forEach(p -> names.add(p.name())));
      return names.stream().sorted().toList();
    });
  }

  @Override
  public void deleteParameter(String name) {
    calls.write("ssm:DeleteParameter", () -> ssm.get().deleteParameter(b -> b.name(name)));
  }
}
