package io.cruddur.port;

import java.util.Optional;

/** SSM Parameter Store, read for metadata only: Cruddur never reads a parameter's value. */
public interface SsmPort extends SsmReads {
  record Parameter(String name, String arn, String type, long version) {}
}
