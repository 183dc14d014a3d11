package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Route 53 public hosted zones and their record sets. Names are fully qualified, ending with a dot. */
public interface Route53Port extends Route53Reads {
  /** A hosted zone; {@code callerReference} is the one given at its creation (CreateHostedZone's, unique forever). */
  record HostedZone(String id, String name, List<String> nameServers, Map<String, String> tags,
      String callerReference) {}

  record AliasTarget(String dnsName, String hostedZoneId, boolean evaluateTargetHealth) {}

  /** An alias record has {@code alias} set and no values or ttl. */
  record RecordSet(String name, String type, Long ttl, List<String> values, AliasTarget alias) {}

  record Change(String action, RecordSet recordSet) {
    public static Change upsert(RecordSet r) {
      return new Change("UPSERT", r);
    }

    public static Change delete(RecordSet r) {
      return new Change("DELETE", r);
    }
  }

  /**
   * A change batch as Route 53 reports it (ChangeInfo): {@code PENDING} until every Route 53 name server answers
   * with it, then {@code INSYNC}; until then public DNS (and ACM's DNS validation) may not see it.
   *
   * @param id the change's id without the {@code /change/} prefix
   */
  record ChangeInfo(String id, String status) {
    public static final String PENDING = "PENDING";
    public static final String INSYNC = "INSYNC";

    public boolean inSync() {
      return INSYNC.equals(status);
    }
  }

  /** {@code callerReference} makes a retried call idempotent. */
  HostedZone createHostedZone(String name, String callerReference, Map<String, String> tags);

  /**
   * Applies the changes atomically; returns the batch's change, to follow with {@link #getChange}.
   *
   * @throws CloudException.Invalid for an InvalidChangeBatch: creating a record that exists, deleting one that is
   *     missing or differs, a CNAME at the apex or beside other records
   */
  ChangeInfo changeRecords(String zoneId, List<Change> changes);

  /** @throws CloudException.InUse while it holds records other than its NS and SOA */
  void deleteHostedZone(String id);
}
