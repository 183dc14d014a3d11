package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link Route53Port}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface Route53Reads {
  Optional<Route53Port.HostedZone> findHostedZone(String name);

  List<Route53Port.HostedZone> listHostedZones();

  List<Route53Port.RecordSet> listRecords(String zoneId);

  /** A change's status now (GetChange); empty if Route 53 does not know the id (NoSuchChange). */
  Optional<Route53Port.ChangeInfo> getChange(String changeId);
}
