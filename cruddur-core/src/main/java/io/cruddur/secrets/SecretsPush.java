package io.cruddur.secrets;

import io.cruddur.base.Arn;
import io.cruddur.base.CruddurException;
import io.cruddur.base.Tags;
import io.cruddur.port.Cloud;
import io.cruddur.spec.Secret;
import io.cruddur.spec.Service;
import io.cruddur.spec.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes the secrets a stack declares from an {@link EnvFile}: for each service secret {@code NAME -> parameter},
 * the file's {@code NAME} goes to that SecureString. Only declared names are written; a parameter is created
 * (tagged with the stack), overwritten when its value differs, or left alone when it holds the value already. The
 * comparison happens behind the SSM port; no value is ever returned, printed or put in an exception.
 */
public final class SecretsPush {
  /**
   * @param kmsKeyId the KMS key (id, ARN or alias) to encrypt with; null for the stack's
   *     {@link Stack#secretsKmsKey()}, or the account's alias/aws/ssm without one
   */
  public record Options(String kmsKeyId) {
    public static Options defaults() {
      return new Options(null);
    }

    public Options withKmsKeyId(String kmsKeyId) {
      return new Options(kmsKeyId);
    }
  }

  /** A parameter and the variable whose value it holds. */
  public record Entry(String parameter, String variable) {
    @Override
    public String toString() {
      return parameter + " (" + variable + ")";
    }
  }

  /**
   * What a push did.
   *
   * @param missing declared variables the file does not set: their parameters were left as they are
   * @param ignored variables of the file that the stack does not declare as secrets: not written anywhere
   */
  public record Report(List<Entry> created, List<Entry> updated, List<Entry> unchanged, List<Entry> missing,
      List<String> ignored) {
    /** One line per parameter ({@code created /app/DB_URL (DB_URL)}), then what was missing or ignored. */
    public String toText() {
      StringBuilder b = new StringBuilder();
      created.forEach(e -> b.append("created   ").append(e).append('\n'));
      updated.forEach(e -> b.append("updated   ").append(e).append('\n'));
      unchanged.forEach(e -> b.append("unchanged ").append(e).append('\n'));
      missing.forEach(e -> b.append("missing   ").append(e).append(": not in the file, left as it is\n"));
      if (!ignored.isEmpty()) {
        b.append("ignored   ").append(String.join(", ", ignored)).append(": not secrets of the stack\n");
      }
      b.append(created.size()).append(" created, ").append(updated.size()).append(" updated, ")
          .append(unchanged.size()).append(" unchanged, ").append(missing.size()).append(" missing\n");
      return b.toString();
    }
  }

  private SecretsPush() {}

  /**
   * Pushes {@code env}'s values of the secrets {@code stack} declares into {@code cloud}.
   *
   * @throws CruddurException before any write, if a secret's parameter ARN is of another account or region, or
   *     two variables of different values name one parameter
   */
  public static Report push(Cloud cloud, Stack stack, EnvFile env, Options options) {
    // parameter -> the variable that fills it, in declaration order
    Map<String, String> targets = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    TreeSet<String> declared = new TreeSet<>();
    for (Service svc : stack.services()) {
      svc.secrets().forEach((variable, secret) -> {
        declared.add(variable);
        Optional<String> name = parameterName(secret, cloud, problems, "services[" + svc.name() + "].secrets["
            + variable + "]");
        name.ifPresent(n -> {
          String other = targets.putIfAbsent(n, variable);
          if (other != null && !other.equals(variable)) {
            if (env.value(other).isPresent() && env.value(variable).isPresent()
                && !env.value(other).equals(env.value(variable))) {
              problems.add("parameter " + n + " is declared for both " + other + " and " + variable
                  + ", which the file sets differently");
            } else if (env.value(other).isEmpty()) {
              targets.put(n, variable); // the one the file sets fills it
            }
          }
        });
        env.value(variable).filter(String::isEmpty).ifPresent(v -> problems.add("services[" + svc.name()
            + "].secrets[" + variable + "]: the file sets " + variable + " to nothing, and SSM takes no empty "
            + "value"));
      });
    }
    String key = options.kmsKeyId() != null ? options.kmsKeyId() : stack.secretsKmsKey().orElse(null);
    if (options.kmsKeyId() != null && !options.kmsKeyId().equals("alias/aws/ssm")
        && !stack.secretsKmsKey().map(options.kmsKeyId()::equals).orElse(false)) {
      problems.add("the key " + options.kmsKeyId() + " is not the stack's secretsKmsKey ("
          + stack.secretsKmsKey().orElse("none: the account's alias/aws/ssm") + "), so the execution role could "
          + "not decrypt the secrets and the tasks would not start: set Stack.secretsKmsKey to it");
    }
    // Never a parameter another stack owns (an operator's untagged one is the usual target, and fine).
    targets.keySet().forEach(parameter -> {
      String owner = cloud.ssm().parameterTags(parameter).get(Tags.OWNER);
      if (owner != null && !owner.equals(stack.name())) {
        problems.add("parameter " + parameter + " belongs to stack " + owner + " (tag " + Tags.OWNER + "), not to "
            + stack.name());
      }
    });
    if (!problems.isEmpty()) {
      throw new CruddurException("nothing was written:\n  " + String.join("\n  ", problems));
    }
    List<Entry> created = new ArrayList<>();
    List<Entry> updated = new ArrayList<>();
    List<Entry> unchanged = new ArrayList<>();
    List<Entry> missing = new ArrayList<>();
    Map<String, String> tags = Map.of(Tags.OWNER, stack.name());
    targets.forEach((parameter, variable) -> {
      Entry entry = new Entry(parameter, variable);
      Optional<String> value = env.value(variable);
      if (value.isEmpty()) {
        missing.add(entry);
        return;
      }
      try {
        Optional<Boolean> holds = cloud.ssm().secureStringHolds(parameter, value.get());
        if (holds.isEmpty()) {
          cloud.ssm().createSecureString(parameter, value.get(), key, tags);
          created.add(entry);
        } else if (!holds.get()) {
          cloud.ssm().overwriteSecureString(parameter, value.get(), key);
          updated.add(entry);
        } else {
          unchanged.add(entry);
        }
      } catch (CruddurException e) {
        // Say what was done before the failure, so that a re-run is understood (it converges: it compares first).
        throw new CruddurException(parameter + " (" + variable + "): " + e.getMessage() + "\nbefore it: "
            + created.size() + " created " + created + ", " + updated.size() + " updated " + updated + ", "
            + unchanged.size() + " unchanged; run the push again once the cause is fixed", e);
      }
    });
    List<String> ignored = env.names().stream().filter(n -> !declared.contains(n)).toList();
    return new Report(List.copyOf(created), List.copyOf(updated), List.copyOf(unchanged), List.copyOf(missing),
        ignored);
  }

  /** The name of the parameter a secret refers to, if it is in {@code cloud}'s account and region. */
  static Optional<String> parameterName(Secret secret, Cloud cloud, List<String> problems, String path) {
    if (!secret.isArn()) {
      return Optional.of(secret.parameterName());
    }
    Arn arn = Arn.parse(secret.reference());
    if (!arn.region().equals(cloud.region()) || !arn.account().equals(cloud.accountId())) {
      problems.add(path + ": " + secret.reference() + " is in " + arn.account() + "/" + arn.region() + ", not in "
          + cloud.accountId() + "/" + cloud.region() + " where this push writes");
      return Optional.empty();
    }
    return Optional.of(secret.parameterName());
  }
}
