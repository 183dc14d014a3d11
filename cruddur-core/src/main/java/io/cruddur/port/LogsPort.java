package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CloudWatch Logs log groups. */
public interface LogsPort extends LogsReads {
  /** {@code retentionDays} is null when logs never expire. */
  record LogGroup(String name, String arn, Integer retentionDays, Map<String, String> tags) {}

  /** One log event: when it happened (epoch milliseconds), the stream it is in, its text and its id. */
  record LogEvent(long timestamp, String stream, String message, String id) {}

  /** A message to write, with its timestamp in epoch milliseconds. */
  record LogMessage(long timestamp, String message) {}

  /** @throws CloudException.Conflict if it exists */
  LogGroup createLogGroup(String name, Map<String, String> tags);

  void putRetention(String name, int days);

  void deleteLogGroup(String name);

  /**
   * Writes {@code messages} to a stream (created if missing), oldest first: what a container's awslogs driver does,
   * for tests.
   *
   * @throws CloudException.NotFound if the log group does not exist
   */
  void putLogEvents(String group, String stream, List<LogMessage> messages);
}
