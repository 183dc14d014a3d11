package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CloudWatch Logs log groups. */
public interface LogsPort extends LogsReads {
  /** {@code retentionDays} is null when logs never expire. */
  record LogGroup(String name, String arn, Integer retentionDays, Map<String, String> tags) {}

  /** @throws CloudException.Conflict if it exists */
  LogGroup createLogGroup(String name, Map<String, String> tags);

  void putRetention(String name, int days);

  void deleteLogGroup(String name);
}
