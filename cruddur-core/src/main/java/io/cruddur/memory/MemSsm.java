package io.cruddur.memory;

import io.cruddur.memory.MemoryState.StoredParameter;
import io.cruddur.port.CloudException;
import io.cruddur.port.SsmPort;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemSsm implements SsmPort {
  private final InMemoryCloud c;

  MemSsm(InMemoryCloud c) {
    this.c = c;
  }

  /** Creates or overwrites a parameter as an operator does; a SecureString's value is never stored. */
  void put(String name, String type) {
    c.opv("ssm", "PutParameter", name, () -> store(name, type, null, Map.of()));
  }

  private void store(String name, String type, String value, Map<String, String> tags) {
    StoredParameter old = c.state.parameters.get(name);
    String path = name.startsWith("/") ? name.substring(1) : name;
    c.state.parameters.put(name, new StoredParameter(name, c.arn("ssm", "parameter/" + path), type,
        old == null ? 1 : old.version() + 1, value, old == null ? Map.copyOf(tags) : old.tags()));
  }

  @Override
  public Optional<Parameter> describeParameter(String nameOrArn) {
    return Optional.ofNullable(describeParameters(List.of(nameOrArn)).get(nameOrArn));
  }

  /** One DescribeParameters call per 50 names, as on AWS. */
  @Override
  public Map<String, Parameter> describeParameters(Collection<String> namesOrArns) {
    List<String> asked = List.copyOf(new LinkedHashSet<>(namesOrArns));
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (int i = 0; i < asked.size(); i += 50) {
      List<String> chunk = asked.subList(i, Math.min(asked.size(), i + 50));
      out.putAll(c.op("ssm", "DescribeParameters", String.join(",", chunk), false, () -> {
        Map<String, Parameter> found = new LinkedHashMap<>();
        for (String n : chunk) {
          c.state.parameters.values().stream().filter(p -> sameParameter(p, n)).findFirst()
              .ifPresent(p -> found.put(n, parameter(p)));
        }
        return found;
      }));
    }
    return out;
  }

  /** Whether {@code nameOrArn} names {@code p}: its ARN, or its name as SSM keeps it ({@code /X} is {@code X}). */
  private static boolean sameParameter(StoredParameter p, String nameOrArn) {
    return p.arn().equals(nameOrArn) || io.cruddur.base.Arn.canonicalParameterName(p.name())
        .equals(io.cruddur.base.Arn.canonicalParameterName(nameOrArn));
  }

  private static Parameter parameter(StoredParameter p) {
    return new Parameter(p.name(), p.arn(), p.type(), p.version(), !p.type().equals("SecureString") ? null
        : p.keyId() != null ? p.keyId() : "alias/aws/ssm");
  }

  @Override
  public boolean createString(String name, String value, Map<String, String> tags) {
    return c.op("ssm", "PutParameter", name, true, () -> {
      checkName(name);
      if (c.state.parameters.containsKey(name)) {
        return false;
      }
      store(name, "String", value, tags);
      return true;
    });
  }

  @Override
  public void overwriteString(String name, String value) {
    c.opv("ssm", "PutParameter", name, () -> {
      checkName(name);
      StoredParameter old = c.state.parameters.get(name);
      if (old != null && !old.type().equals("String")) {
        throw new CloudException.Invalid("HierarchyTypeMismatchException: parameter " + name + " is a "
            + old.type() + ", not a String");
      }
      store(name, "String", value, Map.of());
    });
  }

  @Override
  public Optional<String> getString(String name) {
    return c.op("ssm", "GetParameter", name, false, () -> {
      StoredParameter p = c.state.parameters.get(name);
      if (p == null) {
        return Optional.empty();
      }
      if (!p.type().equals("String")) {
        throw new CloudException.Invalid("parameter " + name + " is a " + p.type()
            + ": Cruddur reads the values of its own String parameters only");
      }
      return Optional.ofNullable(p.value());
    });
  }

  @Override
  public List<String> namesUnder(String path) {
    String prefix = path.endsWith("/") ? path : path + "/";
    return c.op("ssm", "GetParametersByPath", path, false, () -> c.state.parameters.keySet().stream()
        .filter(n -> n.startsWith(prefix)).sorted().toList());
  }

  @Override
  public Map<String, String> parameterTags(String name) {
    return c.op("ssm", "ListTagsForResource", name, false, () -> {
      StoredParameter p = c.state.parameters.get(name);
      return p == null || p.tags() == null ? Map.of() : Map.copyOf(p.tags());
    });
  }

  @Override
  public void deleteParameter(String name) {
    c.opv("ssm", "DeleteParameter", name, () -> {
      if (c.state.parameters.remove(name) == null) {
        throw new CloudException.NotFound("ParameterNotFound: parameter " + name + " does not exist");
      }
    });
  }

  @Override
  public void createSecureString(String name, String value, String kmsKeyId, Map<String, String> tags) {
    c.opv("ssm", "PutParameter", name, () -> {
      checkName(name);
      checkSecure(value, kmsKeyId);
      if (c.state.parameters.containsKey(name)) {
        throw new CloudException.Conflict("ParameterAlreadyExists: parameter " + name + " exists");
      }
      storeSecure(name, value, kmsKeyId, tags);
    });
  }

  @Override
  public void overwriteSecureString(String name, String value, String kmsKeyId) {
    c.opv("ssm", "PutParameter", name, () -> {
      checkName(name);
      checkSecure(value, kmsKeyId);
      StoredParameter old = c.state.parameters.get(name);
      if (old != null && !old.type().equals("SecureString")) {
        throw new CloudException.Invalid("HierarchyTypeMismatchException: parameter " + name + " is a "
            + old.type() + ", not a SecureString");
      }
      storeSecure(name, value, kmsKeyId, Map.of());
    });
  }

  @Override
  public Optional<Boolean> secureStringHolds(String name, String value) {
    return c.op("ssm", "GetParameter", name, false, () -> {
      StoredParameter p = c.state.parameters.get(name);
      if (p == null) {
        return Optional.empty();
      }
      if (!p.type().equals("SecureString")) {
        throw new CloudException.Invalid("parameter " + name + " is a " + p.type() + ", not a SecureString");
      }
      if (p.value() == null) {
        return Optional.of(false); // put as an operator would, without a value the fake could compare
      }
      String[] parts = p.value().split(":");
      return Optional.of(java.security.MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII),
          digest(parts[1], value).getBytes(StandardCharsets.US_ASCII)));
    });
  }

  private void storeSecure(String name, String value, String kmsKeyId, Map<String, String> tags) {
    StoredParameter old = c.state.parameters.get(name);
    byte[] salt = new byte[16];
    new java.security.SecureRandom().nextBytes(salt);
    String saltHex = java.util.HexFormat.of().formatHex(salt);
    String path = name.startsWith("/") ? name.substring(1) : name;
    c.state.parameters.put(name, new StoredParameter(name, c.arn("ssm", "parameter/" + path), "SecureString",
        old == null ? 1 : old.version() + 1, "pbkdf2-sha256:" + saltHex + ":" + digest(saltHex, value),
        old == null ? Map.copyOf(tags) : old.tags(), kmsKeyId));
  }

  /**
   * PBKDF2-HMAC-SHA256 of {@code value} with the salt, 60,000 rounds: enough to tell a changed value, and slow to
   * guess a weak one from a state file with.
   */
  private static String digest(String saltHex, String value) {
    try {
      var spec = new javax.crypto.spec.PBEKeySpec(value.toCharArray(), java.util.HexFormat.of().parseHex(saltHex),
          60_000, 256);
      byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
      spec.clearPassword();
      return java.util.HexFormat.of().formatHex(key);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has PBKDF2WithHmacSHA256", e);
    }
  }

  /**
   * PutParameter: a standard parameter's value is 1-4096 characters; a KMS key is a key id, an alias or an ARN of
   * either (ValidationException or InvalidKeyId otherwise). The fake has no KMS: any well-formed key is accepted.
   */
  private static void checkSecure(String value, String kmsKeyId) {
    if (value == null || value.isEmpty() || value.length() > 4096) {
      throw new CloudException.Invalid("ValidationException: a parameter value must be 1-4096 characters");
    }
    if (kmsKeyId != null && !kmsKeyId.matches("alias/[a-zA-Z0-9/_-]{1,250}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
        + "[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+")) {
      throw new CloudException.Invalid("InvalidKeyId: " + kmsKeyId + " is not a KMS key id, alias or ARN");
    }
  }

  /** PutParameter: a name with a hierarchy begins with {@code /}, of at most 15 levels, and 1-2048 characters. */
  private static void checkName(String name) {
    if (name.isEmpty() || name.length() > 2048 || name.contains("/") && !name.startsWith("/")
        || name.chars().filter(ch -> ch == '/').count() > 15 || !name.matches("[a-zA-Z0-9_.\\-/]+")) {
      throw new CloudException.Invalid("ValidationException: invalid parameter name " + name);
    }
  }
}
