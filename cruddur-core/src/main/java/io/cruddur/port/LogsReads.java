package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link LogsPort}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface LogsReads {
  Optional<LogsPort.LogGroup> findLogGroup(String name);

  List<LogsPort.LogGroup> listLogGroups();

  /**
   * The events of a group's streams whose names start with {@code streamPrefix} ("" for all), at or after
   * {@code fromMillis}, oldest first, interleaved by time across streams, at most {@code limit}.
   *
   * @throws CloudException.NotFound if the log group does not exist
   */
  List<LogsPort.LogEvent> events(String group, String streamPrefix, long fromMillis, int limit);
}
