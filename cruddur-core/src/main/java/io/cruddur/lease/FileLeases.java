package io.cruddur.lease;

import io.cruddur.base.CruddurException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Leases as an exclusive lock on a local file, {@code <file>.lock} beside the file it guards (the embedded cloud's
 * state file). The lock file holds its holder as JSON so that a waiting run can say who holds it; the operating
 * system releases the lock when its process ends, even by {@code kill -9}, so it never needs renewing and never
 * outlives its holder ({@link LeaseHolder#expiresAt()} is {@link Instant#MAX}).
 *
 * <p>The lock guards the whole file, so every stack kept in one state file shares it: two runs on the same state
 * file exclude each other whatever their stacks, because each would otherwise overwrite the other's changes. Take
 * it before the file is read. Within one JVM, a second acquire of the same file is refused like one from another
 * process.
 */
public final class FileLeases implements Leases {
  /**
   * The lock files this JVM holds, with their holders. On Linux a process's file locks are dropped when it closes
   * any handle on the file, so while this JVM holds one it never opens that file again: a second acquire, or a
   * look at who holds it, is answered from here.
   */
  private static final java.util.Map<Path, LeaseHolder> HELD = new java.util.concurrent.ConcurrentHashMap<>();

  private final Path guarded;

  /** Leases guarding {@code file}. */
  public FileLeases(Path file) {
    this.guarded = file.toAbsolutePath();
  }

  /** The lock file: {@code <file>.lock}. */
  public Path lockFile() {
    return guarded.resolveSibling(guarded.getFileName() + ".lock");
  }

  @Override
  public Lease acquire(String stack, LeaseOptions options) {
    long start = System.nanoTime();
    long deadline = start + ParameterLeases.waitNanos(options);
    String what = "state file " + guarded;
    boolean told = false;
    try {
      Files.createDirectories(lockFile().getParent());
      while (true) {
        Held held = tryAcquire(stack, options);
        if (held != null) {
          return held;
        }
        LeaseHolder current = holderOnceWritten();
        if (System.nanoTime() - deadline >= 0) {
          throw new LeaseBusyException(what, current, Duration.ofNanos(System.nanoTime() - start));
        }
        if (!told) {
          options.log().accept("waiting for the lease of " + what + ": held by "
              + (current == null ? "another run" : current.describe() + " for stack " + current.stack()));
          told = true;
        }
        TimeUnit.NANOSECONDS.sleep(Math.max(1, Math.min(options.poll().toNanos(), deadline - System.nanoTime())));
      }
    } catch (IOException e) {
      throw new CruddurException("cannot lock " + lockFile() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CruddurException("interrupted while waiting for the lease of " + what, e);
    }
  }

  /** The lock, if nobody holds it: null if this JVM or another process does. */
  private Held tryAcquire(String stack, LeaseOptions options) throws IOException {
    Path file = lockFile();
    synchronized (HELD) {
      if (HELD.containsKey(file)) {
        return null; // held in this JVM: opening the file again would drop that lock
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close(); // this JVM held no lock on it: closing drops nothing
        return null;
      }
      Instant now = options.clock().instant();
      LeaseHolder me = new LeaseHolder(stack, options.holder(), LeaseHolder.newToken(), now, Instant.MAX);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(ParameterLeases.encode(me).getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      HELD.put(file, me);
      return new Held(file, me, channel, lock);
    }
  }

  /**
   * The holder, read again for up to half a second while the file is empty: a run that has just locked it writes
   * its name right after. Null if it is still unknown then.
   */
  private LeaseHolder holderOnceWritten() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    Optional<LeaseHolder> h = readHolder();
    while (h.isEmpty() && System.nanoTime() < until) {
      TimeUnit.MILLISECONDS.sleep(20);
      h = readHolder();
    }
    return h.orElse(null);
  }

  /** Who holds the lock, as the holder wrote it (empty if nobody ever did, or while it is being written). */
  public Optional<LeaseHolder> readHolder() {
    synchronized (HELD) {
      LeaseHolder mine = HELD.get(lockFile());
      if (mine != null) {
        return Optional.of(mine); // never open a file this JVM holds a lock on
      }
      try {
        if (!Files.exists(lockFile())) {
          return Optional.empty();
        }
        return ParameterLeases.decode(Files.readString(lockFile(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }

  private static final class Held implements Lease {
    private final Path file;
    private final LeaseHolder holder;
    private final FileChannel channel;
    private final FileLock lock;
    private volatile boolean released;

    Held(Path file, LeaseHolder holder, FileChannel channel, FileLock lock) {
      this.file = file;
      this.holder = holder;
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public LeaseHolder holder() {
      return holder;
    }

    @Override
    public Optional<String> lost() {
      return released ? Optional.of("released") : Optional.empty();
    }

    @Override
    public synchronized void close() {
      if (released) {
        return;
      }
      released = true;
      synchronized (HELD) {
        try {
          // The file stays: deleting it would let a waiting run lock the old file while a third locks a new one.
          channel.truncate(0);
          lock.release();
          channel.close();
        } catch (IOException e) {
          throw new CruddurException("cannot release the lock " + e.getMessage(), e);
        } finally {
          HELD.remove(file);
        }
      }
    }
  }
}
